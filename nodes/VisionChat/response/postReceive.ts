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

function answerError(context: IExecuteSingleFunctions, problem: AnswerProblem): NodeOperationError {
	const itemIndex = context.getItemIndex();
	const error = new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${problem.message}`, {
		itemIndex,
		description: problem.description,
	});
	return withFailureHint(error, { retryable: problem.retryable });
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
	try {
		if (/^data:/m.test(text)) return [{ json: assembleEventStream(text) }];
		throw new AnswerProblem(
			`the API answered 200 with a body that is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
			true,
		);
	} catch (error) {
		if (error instanceof AnswerProblem) throw answerError(this, error);
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: this.getItemIndex() });
	}
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
	let outputs: IDataObject[];
	try {
		outputs = completionToOutput(items[0].json, shape);
	} catch (error) {
		if (error instanceof AnswerProblem) throw answerError(this, error);
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	}
	return outputs.map((json) => ({
		json,
		...(binary ? { binary } : {}),
		pairedItem: { item: itemIndex },
	}));
}
