import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { CHAT_COMPLETIONS_PATH, apiBaseUrl } from '../../../credentials/baseUrl';
import { forItem, itemErrorFor } from '../../core/errors/itemErrors';
import { refusalError } from '../../core/errors/requestErrors';
import { AnswerProblem } from '../../core/errors/problems';
import { isBodyStream, readDecodedBody } from '../../core/answer/boundedBody';
import type { AnswerLimits } from '../../core/answer/boundedBody';
import { assembleEventStream } from '../../core/answer/eventStream';
import { outputItem } from './outputItem';
import { completionToOutput } from '../../core/answer/output';
import { answerCost, sumUsage, withRequestCost } from '../../core/answer/usage';
import type { AnswerFormat } from '../../core/item/answerFormat';
import { reportTokenUsage } from './tokenUsage';

/**
 * The first step for every answer: the HTTP client hands the body over unread (the request asks
 * for `encoding: 'stream'`, since n8n would read any size); it is read here within the attempt's
 * limits (Max Answer Size, the Request Timeout's deadline) and put, decoded, where the later
 * steps read the body.
 */
export function readAnswer(limits: AnswerLimits) {
	return async function readAnswerBody(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (!isBodyStream(response.body)) return items;
		const body = (await readDecodedBody(response.body, limits).catch((error) => {
			throw error instanceof AnswerProblem ? itemErrorFor(this, error) : error;
		})) as IDataObject;
		response.body = body;
		return [{ json: body }];
	};
}

/** What an item's request carries, so its answer is read against what was sent. */
export interface ItemSent {
	imageUrls: boolean;
	/** Whether the request carries PDF documents. */
	documents: boolean;
	/** What the answer must be (item/answerFormat.ts). */
	answerFormat: Pick<AnswerFormat, 'json' | 'schema' | 'columns'>;
	/** The model and the number of choices, as the body asked (for the words of a refusal). */
	model: string;
	choices: number;
	/** The usage of an earlier answer of this item that was asked again, counted with this one. */
	earlierUsage?: unknown;
	/** The item's Options, as it read them once (item/prepareItem.ts). */
	options: IDataObject;
}

/**
 * A non-2xx answer becomes the item's failure, built from the response body only. `credential`
 * is the one the request was sent with: an API may echo the key, and the failure must not repeat it.
 * `sent` says what the request carried, in every input mode.
 */
export function throwOnApiError(credential: ICredentialDataDecryptedObject, sent: ItemSent) {
	return async function throwApiError(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (response.statusCode >= 200 && response.statusCode < 300) return items;
		throw refusalError(this, response, credential.apiKey as string | undefined, {
			url: `${apiBaseUrl(credential.baseUrl)}${CHAT_COMPLETIONS_PATH}`,
			model: sent.model || undefined,
			sentImageUrls: sent.imageUrls,
			sentDocuments: sent.documents,
			choices: sent.choices,
		});
	};
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
	return forItem(this, () => {
		// A body the HTTP client could not parse as JSON stays text: an event stream, or broken.
		if (!/^data:/m.test(text)) {
			throw new AnswerProblem(
				`the API answered 200 with a body that is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
				true,
				'A gateway cut the answer short or sent a page of its own: try again, and check that the Base URL points to an OpenAI-compatible chat API.',
			);
		}
		return [{ json: assembleEventStream(text) }];
	});
}

/**
 * The output items of one input item, paired to it; a JSON answer is checked against its schema
 * (an answer that does not match is the item's error, which the request loop may ask again).
 */
export function toOutputItems(sent: ItemSent) {
	return async function outputItems(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		const answered = items[0].json;
		// Each answer's tokens are told once, as it comes; the item's usage counts every answer.
		reportTokenUsage(this, answered.usage);
		const completion = { ...answered, usage: sumUsage(sent.earlierUsage, answered.usage) };
		const { options } = sent;
		const shape = {
			simplify: this.getNodeParameter('simplify', true) as boolean,
			splitChoices: options.splitChoices === true,
			parseJson: sent.answerFormat.json,
			answer: sent.answerFormat,
		};
		const cost = answerCost(completion.usage, options);
		const outputs = forItem(this, () => completionToOutput(completion as IDataObject, shape));
		return withRequestCost(outputs, cost).map((json) => outputItem(this, json, options));
	};
}
