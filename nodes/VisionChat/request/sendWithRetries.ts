import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { ItemFailure, requestFailure, timeoutFailure } from '../failures/itemErrors';
import { retryDelayMs } from '../failures/retry';
import type { Adaptation } from '../failures/retry';
import type { AnswerLimits } from '../response/boundedBody';
import { ADAPTATION_NOTICES, adaptFields, replaceFields } from './adaptations';
import type { SlotReports } from '../limiter/registry';
import { startDeadline, untilAborted } from './attemptDeadline';
import type { Deadline, RequestSettings } from './settings';

/**
 * Sends one item's request (`send`: one try, its answer read into output items) and tries again
 * after a failure worth retrying, until Max Retries or the execution is cancelled; while it waits
 * to try again it holds no slot of its key's limiter.
 * A known refusal that a changed request avoids (see adaptations.ts) is answered with that
 * change at once, once per kind; the output items then say what was changed.
 */
export async function sendWithRetries(
	context: IExecuteSingleFunctions,
	send: (options: IHttpRequestOptions) => Promise<INodeExecutionData[]>,
	options: IHttpRequestOptions,
	fields: IDataObject,
	settings: RequestSettings,
	slot: Pick<SlotReports, 'congested' | 'retryAfterWait'>,
	answer: AnswerLimits,
	deadline: Deadline,
): Promise<INodeExecutionData[]> {
	const adapted: Adaptation[] = [];
	let retries = 0;
	for (;;) {
		// Each try has its own deadline, from the request's start to the answer's last byte; the
		// answer's reader (readAnswer) stops at it too.
		const attemptEnd = startDeadline(deadline.ms);
		answer.signal = attemptEnd;
		try {
			const items = await untilAborted(send(options), attemptEnd);
			if (adapted.length === 0) return items;
			const notices = adapted.map((adaptation) => ADAPTATION_NOTICES[adaptation]);
			return items.map((item) => ({ ...item, json: { ...item.json, notices } }));
		} catch (thrown) {
			const failure = attemptEnd.aborted
				? timeoutFailure(context, deadline)
				: thrown instanceof ItemFailure
					? thrown
					: requestFailure(context, thrown);
			const { retryAfterMs } = failure.retry;
			// The key pauses as long as the item would wait: Max Retry Wait caps both.
			if (failure.retry.congested) {
				slot.congested(
					retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, settings.maxRetryWaitMs),
				);
			}
			const { adaptation } = failure.retry;
			const changed =
				adaptation && !adapted.includes(adaptation) ? adaptFields(fields, adaptation) : undefined;
			if (adaptation && changed) {
				adapted.push(adaptation);
				options = { ...options, body: replaceFields(options.body as Buffer, fields, changed) };
				fields = changed;
				// Sent again at once, and not counted as a retry.
				continue;
			}
			const cancelled = context.getExecutionCancelSignal()?.aborted;
			if (!failure.retry.retryable || retries >= settings.maxRetries || cancelled) {
				throw failure.afterTries(retries + adapted.length + 1);
			}
			await slot.retryAfterWait(retryDelayMs(retries, retryAfterMs, settings.maxRetryWaitMs));
			retries++;
		}
	}
}
