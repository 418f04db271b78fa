import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { startDeadline, untilAborted } from '../../core/attemptDeadline';
import type { EncodedBody } from '../../core/body/itemBody';
import { appendMessages } from '../../core/body/replaceFields';
import { RequestError } from '../../core/errors/nodeErrors';
import { networkError, timeoutError } from '../../core/errors/requestErrors';
import type { Reask } from '../../core/errors/retry';
import type { Deadline, RequestSettings } from '../../core/item/settings';
import type { SlotReports } from '../limiter/registry';
import { nextStep } from './nextStep';
import type { TriesSoFar } from './nextStep';
import type { ItemOfRun } from './runStop';

/**
 * One try of the item's request: sent as it stands now, its answer read no longer than the
 * try's deadline (`signal`), into output items; `earlierUsage` is an earlier answer's, asked again.
 */
export type SendTry = (
	request: IHttpRequestOptions,
	signal: AbortSignal,
	earlierUsage?: unknown,
) => Promise<INodeExecutionData[]>;

/** What the request loop works with: the first request, its body, and its limits. */
export interface RetryPlan {
	request: IHttpRequestOptions;
	/** The first request's body, the fields it holds and what the output says of them. */
	encoded: EncodedBody;
	/** The body with other fields, for a known refusal (core/body/itemBody.ts: bodyWithFields). */
	bodyWith(current: EncodedBody, changed: IDataObject): Promise<Buffer>;
	settings: Pick<RequestSettings, 'maxRetries' | 'maxRetryWaitMs'>;
	deadline: Deadline;
	/** The key's limiter: told of push-backs, and waited on between tries. */
	slot: Pick<SlotReports, 'answered429' | 'retryAfterWait'>;
	/** The node run, when it stops on error: once another item has failed, nothing more is sent. */
	run?: Pick<ItemOfRun, 'ensureGoing'>;
}

/** Pure: the turns that ask again for an answer its schema did not take. */
export function reaskMessages(reask: Reask): IDataObject[] {
	return [
		{ role: 'assistant', content: reask.answer },
		{
			role: 'user',
			content: `Your answer does not match the required JSON Schema:\n- ${reask.problems.join('\n- ')}\nAnswer again with the whole corrected JSON object and nothing else.`,
		},
	];
}

/**
 * Sends one item's request and tries again after a failure worth retrying, until Max Retries or
 * the execution is cancelled; while it waits to try again it holds no slot of its key's limiter.
 * A known refusal that a changed request avoids (errors/quirks.ts) is answered with that change
 * at once; an answer that its schema does not take is asked again once, with what was wrong. The
 * output items say in `notices` what was changed or asked again.
 */
export async function sendWithRetries(
	context: IExecuteSingleFunctions,
	sendTry: SendTry,
	plan: RetryPlan,
): Promise<INodeExecutionData[]> {
	const { settings, deadline, slot } = plan;
	let { request } = plan;
	let current = plan.encoded;
	const notices = [...current.notices];
	const sofar: TriesSoFar = { retries: 0, pushBacks: 0, changes: 0, reasked: false };
	let reaskedUsage: unknown;
	for (;;) {
		// Another item failed the run: n8n drops every answer of it, so nothing goes out again (a
		// retry's wait ends with the run, and its slot is refused: limiter/registry.ts).
		plan.run?.ensureGoing();
		// Each try has its own deadline, from the request's start to the answer's last byte.
		const attemptEnd = startDeadline(deadline.ms);
		try {
			const items = await untilAborted(sendTry(request, attemptEnd, reaskedUsage), attemptEnd);
			if (notices.length === 0) return items;
			return items.map((item) => ({ ...item, json: { ...item.json, notices } }));
		} catch (thrown) {
			const failure = attemptEnd.aborted
				? timeoutError(context, deadline)
				: thrown instanceof RequestError
					? thrown
					: networkError(context, thrown);
			const { retryAfterMs } = failure.retry;
			// The key pauses as long as the item would wait: Max Retry Wait caps both.
			if (failure.retry.answered429) {
				slot.answered429(
					retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, settings.maxRetryWaitMs),
				);
			}
			const cancelled = context.getExecutionCancelSignal()?.aborted === true;
			const step = nextStep(failure.retry, current.fields, sofar, settings, cancelled);
			if (step.kind === 'fail') throw failure.afterTries(step.tries);
			if (step.kind === 'change') {
				// Sent again at once, and not counted as a retry.
				sofar.changes++;
				if (!notices.includes(step.notice)) notices.push(step.notice);
				const body = await plan.bodyWith(current, step.fields);
				current = { ...current, body, fields: step.fields };
				request = { ...request, body };
			} else if (step.kind === 'reask') {
				sofar.reasked = true;
				reaskedUsage = step.reask.usage;
				notices.push(
					`The first answer did not match the schema (${step.reask.problems.join('; ')}): asked once more with what was wrong; usage counts both answers.`,
				);
				request = {
					...request,
					body: appendMessages(request.body as Buffer, reaskMessages(step.reask)),
				};
			} else {
				await slot.retryAfterWait(step.ms);
				if (step.pushedBack) sofar.pushBacks++;
				else sofar.retries++;
			}
		}
	}
}
