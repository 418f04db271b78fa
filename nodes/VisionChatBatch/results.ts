import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { describeHttpFailure } from '../VisionChat/failures/httpFailure';
import { ItemFailure } from '../VisionChat/failures/itemErrors';
import type { FailureReport } from '../VisionChat/failures/itemErrors';
import type { AnswerProblem } from '../VisionChat/failures/problems';
import { asNodeError, failedItem } from '../VisionChat/response/errorItems';
import { withInputFields } from '../VisionChat/response/items';
import { completionToOutput } from '../VisionChat/response/output';
import { answerCost, withRequestCost } from '../VisionChat/response/usage';
import { batchRequest, downloadFile } from './batchApi';
import type { BatchObject } from './batchApi';
import { batchObjectOf } from './providers';
import { parseResultLines } from './jsonl';
import type { ResultLine } from './jsonl';
import type { SubmittedBatch } from './submit';

/** The states after which a batch answers no more lines. */
const FINISHED = ['completed', 'failed', 'expired', 'cancelled'];

interface BatchResults {
	batch: BatchObject;
	/** Every result line of the batch's output and error files, by custom ID. */
	lines: Map<string, ResultLine>;
}

/**
 * Get Results: each distinct batch of the input items is asked once; a finished one's output and
 * error files are read, and every item gets its answer in Vision Chat's output shape. A line that
 * failed stops the node naming its item, or with On Error > Continue is that item's error item
 * (on n8n's error output when chosen). Items whose batch still runs go to the second output, Not Ready.
 */
export async function getResults(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const options = context.getNodeParameter('resultOptions', 0, {}) as IDataObject;
	const maxBytes = Number(options.maxResultFileMb ?? 1024) * 1024 * 1024;
	const results = new Map<string, Promise<BatchResults>>();
	const done: INodeExecutionData[] = [];
	const notReady: INodeExecutionData[] = [];
	const errorOutput = context.getNode().onError === 'continueErrorOutput';
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = items[itemIndex].json;
		try {
			const submitted = submittedBatch(context, input, itemIndex);
			let result = results.get(submitted.id);
			if (!result) {
				result = readBatch(context, submitted.id, maxBytes);
				results.set(submitted.id, result);
			}
			const { batch, lines } = await result;
			if (!FINISHED.includes(batch.status)) {
				notReady.push({
					json: {
						...input,
						batchStatus: batch.status,
						requestCounts: batch.request_counts ?? null,
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			const line = lines.get(submitted.customId);
			for (const json of answerOf(context, line, batch, submitted, itemIndex, options)) {
				done.push({ json: withInput(json, input, options), pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			// A line without a usable answer is the item's failure, never an answer (see failedItem).
			if (!context.continueOnFail()) throw asNodeError(context.getNode(), error, itemIndex);
			done.push(
				failedItem(error, {
					itemIndex,
					input,
					errorOutput,
					includeInput: options.includeInputFields !== false,
				}),
			);
		}
	}
	return [done, notReady];
}

function submittedBatch(
	context: IExecuteFunctions,
	json: IDataObject,
	itemIndex: number,
): SubmittedBatch {
	const batch = json.batch as unknown as SubmittedBatch | undefined;
	if (!batch || typeof batch.id !== 'string' || typeof batch.customId !== 'string') {
		throw new NodeOperationError(
			context.getNode(),
			'The item has no batch: connect the output of Submit',
			{
				itemIndex,
				description: 'Get Results reads the field "batch" that Submit adds to each item.',
			},
		);
	}
	return batch;
}

async function readBatch(
	context: IExecuteFunctions,
	id: string,
	maxBytes: number,
): Promise<BatchResults> {
	const { body } = await batchRequest(context, `Checking the batch ${id}`, {
		method: 'GET',
		url: `/batches/${encodeURIComponent(id)}`,
	});
	const batch = batchObjectOf(body);
	const lines = new Map<string, ResultLine>();
	if (!FINISHED.includes(batch.status)) return { batch, lines };
	for (const fileId of [batch.output_file_id, batch.error_file_id]) {
		if (!fileId) continue;
		for (const line of parseResultLines(await downloadFile(context, fileId, maxBytes))) {
			lines.set(line.custom_id, line);
		}
	}
	return { batch, lines };
}

/**
 * The output JSON of one item from its result line; a line with no usable answer (not answered,
 * refused by the API, unreadable) throws the item's failure.
 */
function answerOf(
	context: IExecuteFunctions,
	line: ResultLine | undefined,
	batch: BatchObject,
	submitted: SubmittedBatch,
	itemIndex: number,
	options: IDataObject,
): IDataObject[] {
	const response = line?.response;
	const fail = (message: string, description: string | undefined, report: FailureReport) =>
		new ItemFailure(context.getNode(), {
			itemIndex,
			message,
			description,
			httpCode: report.status === null ? undefined : String(report.status),
			cause: { message },
			retry: { retryable: false },
			report,
		});
	if (!line || !response) {
		const why =
			line?.error?.message ?? `the batch ${batch.id} ended ${batch.status} before answering it`;
		throw fail(`not answered: ${why}`, 'Submit this item again.', {
			status: null,
			batchStatus: batch.status,
		});
	}
	if (response.status_code < 200 || response.status_code >= 300) {
		const failure = describeHttpFailure(response.status_code, undefined, response.body);
		throw fail(failure.message, failure.description, {
			status: response.status_code,
			apiMessage: failure.apiMessage,
		});
	}
	const completion = response.body as IDataObject;
	const shape = {
		simplify: context.getNodeParameter('simplify', itemIndex, true) as boolean,
		splitChoices: options.splitChoices === true,
		parseJson: submitted.responseFormat !== 'text',
	};
	const cost = answerCost(completion.usage, options, Number(options.batchDiscount ?? 50) / 100);
	try {
		return withRequestCost(completionToOutput(completion, shape), cost);
	} catch (error) {
		// An answer the node cannot read (no choices, JSON that is not JSON): its problem and hint.
		const { message, description } = error as AnswerProblem;
		throw fail(message, description, { status: response.status_code });
	}
}

/** The answer's fields first, then the input item's (Include Input Fields, on by default). */
function withInput(json: IDataObject, input: IDataObject, options: IDataObject): IDataObject {
	return options.includeInputFields === false ? json : withInputFields(json, input);
}
