import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';

import { withFailureHint } from '../request/failure';
import { retryAfterMs } from '../request/retry';
import { AnswerProblem } from './answerProblem';
import { describeHttpFailure, redact } from './apiError';
import { assembleEventStream } from './eventStream';
import { completionToOutput } from './output';

async function apiKey(context: IExecuteSingleFunctions): Promise<string | undefined> {
	const credentials = await context.getCredentials('visionChatApi');
	return credentials?.apiKey as string | undefined;
}

/** Runs a pure step of the answer's way and turns its AnswerProblem into the item's node error. */
function answered<T>(context: IExecuteSingleFunctions, step: () => T): T {
	const itemIndex = context.getItemIndex();
	try {
		return step();
	} catch (error) {
		if (!(error instanceof AnswerProblem)) {
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
		const nodeError = new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description: error.description,
		});
		throw withFailureHint(nodeError, { retryable: error.retryable });
	}
}

/** A non-2xx answer becomes an error built from the response body only (no request headers). */
export async function throwOnApiError(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode >= 200 && response.statusCode < 300) return items;
	const secret = await apiKey(this);
	const itemIndex = this.getItemIndex();
	const headers = response.headers as IDataObject;
	const failure = describeHttpFailure(
		response.statusCode,
		response.statusMessage,
		response.body,
		headers.location as string | undefined,
	);
	const body = typeof response.body === 'object' && response.body ? response.body : { body: response.body };
	const error = new NodeApiError(this.getNode(), redact(body as JsonObject, secret), {
		message: redact(`Item ${itemIndex}: ${failure.message}`, secret),
		description: failure.description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
	throw withFailureHint(error, { retryable: failure.retryable, retryAfterMs: retryAfterMs(headers) });
}

/** The completion from the answer: JSON, or an event stream read to its end. */
export async function readCompletion(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const { body } = response;
	if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) return items;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '');
	return answered(this, () => {
		// A body the HTTP client could not parse as JSON stays text: an event stream, or broken.
		if (!/^data:/m.test(text)) {
			throw new AnswerProblem(
				`the API answered 200 with a body that is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
				true,
			);
		}
		return [{ json: assembleEventStream(text) }];
	});
}

/** The output items of one input item, paired to it. */
export async function toOutputItems(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const format = this.getNodeParameter('responseFormat', 'text') as string;
	const shape = {
		splitChoices: this.getNodeParameter('options.splitChoices', false) as boolean,
		parseJson: format !== 'text',
	};
	const binary = this.getNodeParameter('options.keepBinary', false)
		? this.getInputData().binary
		: undefined;
	const outputs = answered(this, () => completionToOutput(items[0].json, shape));
	return outputs.map((json) => ({
		json,
		...(binary ? { binary } : {}),
		pairedItem: { item: itemIndex },
	}));
}
