import { sleep } from 'n8n-workflow';
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { ItemFailure, requestFailure } from '../failures/itemErrors';
import { retryDelayMs } from '../failures/retry';
import type { RequestSettings } from './settings';

/**
 * Sends one item's request through the engine (which runs the response chain on the answer) and
 * tries again after a failure worth retrying, until Max Retries or the execution is cancelled.
 */
export async function sendWithRetries(
	context: IExecutePaginationFunctions,
	request: DeclarativeRestApiSettings.ResultOptions,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await context.makeRoutingRequest(request);
		} catch (thrown) {
			const failure = thrown instanceof ItemFailure ? thrown : requestFailure(context, thrown);
			const cancelled = context.getExecutionCancelSignal()?.aborted;
			if (!failure.retry.retryable || attempt >= settings.maxRetries || cancelled) {
				throw failure.afterTries(attempt + 1);
			}
			await sleep(retryDelayMs(attempt, failure.retry.retryAfterMs, settings.maxRetryWaitMs));
		}
	}
}
