import type { IDataObject } from 'n8n-workflow';

import { pushBackRetries, retryDelayMs } from '../../core/errors/retry';
import type { Reask, RetryAdvice } from '../../core/errors/retry';
import type { RequestSettings } from '../../core/item/settings';

/** How many times a known refusal may change one item's request (each change takes something away). */
export const MOST_CHANGES = 4;

/** What one item's request has been through so far. */
export interface TriesSoFar {
	/** Tries again after a failure worth retrying (5xx, a timeout, a dropped connection). */
	retries: number;
	/** Tries again after a push-back (429, or 503 with Retry-After): five times Max Retries. */
	pushBacks: number;
	/** Changes a known refusal asked for, each sent at once. */
	changes: number;
	/** Whether an answer its schema did not take was asked again (once at most). */
	reasked: boolean;
}

/** What the request loop does after a failed try. */
export type NextStep =
	| { kind: 'change'; fields: IDataObject; notice: string }
	| { kind: 'reask'; reask: Reask }
	| { kind: 'wait'; ms: number; pushedBack: boolean }
	| { kind: 'fail'; tries: number };

/**
 * Pure: the step after a failed try, from what the failure advises and what the item has been
 * through: a change a known refusal asks for (at once, not a retry), asking once more for an
 * answer its schema did not take, a wait before trying again within the item's budgets, or the
 * end (saying how many tries it took).
 */
export function nextStep(
	advice: RetryAdvice,
	fields: IDataObject,
	sofar: TriesSoFar,
	settings: Pick<RequestSettings, 'maxRetries' | 'maxRetryWaitMs'>,
	cancelled: boolean,
	random = Math.random,
): NextStep {
	const changed =
		advice.adaptation && sofar.changes < MOST_CHANGES
			? advice.adaptation.change(fields)
			: undefined;
	if (advice.adaptation && changed) {
		return { kind: 'change', fields: changed, notice: advice.adaptation.notice };
	}
	if (advice.reask && !sofar.reasked) return { kind: 'reask', reask: advice.reask };
	const pushedBack = advice.answered429 === true;
	const allowed = pushedBack ? pushBackRetries(settings.maxRetries) : settings.maxRetries;
	const tried = pushedBack ? sofar.pushBacks : sofar.retries;
	if (!advice.retryable || tried >= allowed || cancelled) {
		const tries = sofar.retries + sofar.pushBacks + sofar.changes + (sofar.reasked ? 1 : 0) + 1;
		return { kind: 'fail', tries };
	}
	const ms = retryDelayMs(tried, advice.retryAfterMs, settings.maxRetryWaitMs, random);
	return { kind: 'wait', ms, pushedBack };
}
