import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { REQUEST_DEFAULTS } from '../descriptions/options';
import { withSlot } from './concurrency';
import { failureHint } from './failure';
import type { FailureHint } from './failure';
import { itemImageSources } from './imageSources';
import { itemInputError } from './inputProblem';
import { encodeJsonBody, placeInlineImages } from './jsonBody';
import { loadImages } from './loadImages';
import { buildMessages } from './messages';
import type { ImageDetail } from './messages';
import { networkFailure } from './networkFailure';
import { RETRYABLE_NETWORK_CODES, retryDelayMs } from './retry';

interface RequestSettings {
	maxConcurrency: number;
	maxRetries: number;
	maxRetryWaitMs: number;
	timeoutMs: number;
	maxImageBytes: number;
}

function readSettings(context: IExecutePaginationFunctions): RequestSettings {
	const options = { ...REQUEST_DEFAULTS, ...(context.getNodeParameter('options', {}) as IDataObject) };
	return {
		maxConcurrency: Number(options.maxConcurrency),
		maxRetries: Number(options.maxRetries),
		maxRetryWaitMs: Number(options.maxRetryWait) * 1000,
		timeoutMs: Number(options.timeout) * 1000,
		maxImageBytes: Number(options.maxImageSizeMb) * 1024 * 1024,
	};
}

/**
 * What failed, as an error that carries nothing of the request: the engine's network error
 * may hold axios' request config, headers and API key included.
 */
function failureOf(context: IExecutePaginationFunctions, error: unknown): { error: Error; hint: FailureHint } {
	const hint = failureHint(error);
	if (hint) return { error: error as Error, hint };
	const itemIndex = context.getItemIndex();
	const network = networkFailure(error);
	if (!network) {
		const message = (error as Error)?.message ?? String(error);
		return {
			error: new NodeOperationError(context.getNode(), `Item ${itemIndex}: the request failed: ${message}`, {
				itemIndex,
			}),
			hint: { retryable: false },
		};
	}
	const timedOut = network.code === 'ECONNABORTED' || network.code === 'ETIMEDOUT';
	const what = timedOut ? 'the request timed out' : 'the connection to the API failed';
	// A NodeApiError, which the engine passes on as it is (it rewraps other errors).
	const failure = new NodeApiError(context.getNode(), { code: network.code, message: network.detail }, {
		itemIndex,
		description: timedOut
			? 'Raise the Request Timeout option if the model is slow, or send smaller images.'
			: 'Check the Base URL of the credential and that the API is reachable from n8n.',
	});
	// Set after construction: n8n rewrites a message that names an error code into its own words.
	failure.message = `Item ${itemIndex}: ${what} (${network.code}: ${network.detail})`;
	return { error: failure, hint: { retryable: RETRYABLE_NETWORK_CODES.includes(network.code) } };
}

async function requestWithRetries(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await context.makeRoutingRequest(requestData);
		} catch (thrown) {
			const { error, hint } = failureOf(context, thrown);
			const cancelled = context.getExecutionCancelSignal()?.aborted;
			if (!hint.retryable || attempt >= settings.maxRetries || cancelled) {
				if (attempt > 0 && 'description' in error) {
					const tries = `Tried ${attempt + 1} times.`;
					error.description = error.description ? `${error.description as string} ${tries}` : tries;
				}
				throw error;
			}
			await sleep(retryDelayMs(attempt, hint.retryAfterMs, settings.maxRetryWaitMs));
		}
	}
}

/**
 * One item's way to the API. The engine calls it once per item, all at once, with the request
 * the routing built. The item waits for a concurrency slot, and only then loads its images, so
 * at most `Max Concurrent Requests` items hold images in memory; it retries on its own.
 */
export async function sendItemRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const settings = readSettings(this);
	const sources = itemImageSources(this, settings.maxImageBytes);
	const prompt = String(this.getNodeParameter('prompt', '') ?? '');
	if (prompt.trim() === '' && sources.length === 0) {
		throw itemInputError(this, { field: 'Prompt', message: 'is empty and the item sends no image' });
	}
	const { timeout } = this.getNodeParameter('requestOptions', {}) as IDataObject;
	// n8n's own Request Options > Timeout wins when the user set it.
	if (!timeout) requestData.options.timeout = settings.timeoutMs;

	const key = `${this.getExecutionId() ?? 'manual'}:${this.getNode().id ?? this.getNode().name}`;
	return await withSlot(key, settings.maxConcurrency, async () => {
		const { urls, placed } = placeInlineImages(await loadImages(this, sources, settings.maxImageBytes));
		const body = requestData.options.body as IDataObject;
		body.messages = buildMessages(
			String(this.getNodeParameter('systemMessage', '') ?? ''),
			prompt,
			urls,
			this.getNodeParameter('imageDetail', 'auto') as ImageDetail,
		);
		// Sent as ready JSON bytes: the images are encoded once, straight into them.
		requestData.options.body = encodeJsonBody(body, placed);
		delete body.messages;
		try {
			return await requestWithRetries(this, requestData, settings);
		} finally {
			// The engine keeps every item's request until the node ends: drop the encoded body now.
			requestData.options.body = body;
		}
	});
}
