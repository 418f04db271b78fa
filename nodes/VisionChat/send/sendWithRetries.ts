import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { startDeadline, untilAborted } from '../../core/attemptDeadline';
import { replaceFields } from '../../core/body/replaceFields';
import { RequestError } from '../../core/errors/nodeErrors';
import type { Adaptation } from '../../core/errors/quirks';
import { networkError, timeoutError } from '../../core/errors/requestErrors';
import { retryDelayMs } from '../../core/errors/retry';
import type { Deadline, RequestSettings } from '../../core/item/settings';
import type { SlotReports } from '../limiter/registry';

/**
 * One try of the item's request: sent as it stands now, its answer read no longer than the
 * try's deadline (`signal`), into output items.
 */
export type SendTry = (
	request: IHttpRequestOptions,
	signal: AbortSignal,
) => Promise<INodeExecutionData[]>;

/** What the request loop works with: the first request, its body's fields, and its limits. */
export interface RetryPlan {
	request: IHttpRequestOptions;
	/** The body's fields apart from the messages, as encoded first (see replaceFields.ts). */
	fields: IDataObject;
	settings: Pick<RequestSettings, 'maxRetries' | 'maxRetryWaitMs'>;
	deadline: Deadline;
	/** The key's limiter: told of push-backs, and waited on between tries. */
	slot: Pick<SlotReports, 'congested' | 'retryAfterWait'>;
}

/**
 * Sends one item's request and tries again after a failure worth retrying, until Max Retries or
 * the execution is cancelled; while it waits to try again it holds no slot of its key's limiter.
 * A known refusal that a changed request avoids (errors/quirks.ts) is answered with that change
 * at once, once per kind; the output items then say what was changed.
 */
export async function sendWithRetries(
	context: IExecuteSingleFunctions,
	sendTry: SendTry,
	plan: RetryPlan,
): Promise<INodeExecutionData[]> {
	const { settings, deadline, slot } = plan;
	let { request, fields } = plan;
	const adapted: Adaptation[] = [];
	let retries = 0;
	for (;;) {
		// Each try has its own deadline, from the request's start to the answer's last byte.
		const attemptEnd = startDeadline(deadline.ms);
		try {
			const items = await untilAborted(sendTry(request, attemptEnd), attemptEnd);
			if (adapted.length === 0) return items;
			const notices = adapted.map((adaptation) => adaptation.notice);
			return items.map((item) => ({ ...item, json: { ...item.json, notices } }));
		} catch (thrown) {
			const failure = attemptEnd.aborted
				? timeoutError(context, deadline)
				: thrown instanceof RequestError
					? thrown
					: networkError(context, thrown);
			const { retryAfterMs, adaptation } = failure.retry;
			// The key pauses as long as the item would wait: Max Retry Wait caps both.
			if (failure.retry.congested) {
				slot.congested(
					retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, settings.maxRetryWaitMs),
				);
			}
			const changed =
				adaptation && !adapted.includes(adaptation) ? adaptation.change(fields) : undefined;
			if (adaptation && changed) {
				adapted.push(adaptation);
				request = { ...request, body: replaceFields(request.body as Buffer, fields, changed) };
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
