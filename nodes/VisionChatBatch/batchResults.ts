import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AnswerProblem, ErrorReport, OutputShape } from '../core';
import {
	RequestError,
	answerCost,
	completionToOutput,
	describeRefusal,
	isMismatch,
	withRequestCost,
} from '../core';
import { batchRequest, readFileLines } from './batchApi';
import { FORMAT_KEY } from './batchItem';
import { readBatchInputs } from './batchInputs';
import type { BatchInputs } from './batchInputs';
import type { BatchObject } from './batchApi';
import { parseResultLine } from './jsonl';
import type { ResultLine } from './jsonl';
import { batchObjectOf } from './providers';

/** The states after which a batch answers no more lines. */
const FINISHED = ['completed', 'failed', 'expired', 'cancelled'];

export interface BatchResults {
	batch: BatchObject;
	/** Whether the batch answers no more lines. */
	finished: boolean;
	/** Every result line of a finished batch's output and error files, by custom ID, in file order. */
	lines: Map<string, ResultLine>;
	/** What each line asked of its answer, from the input file, when it was asked for. */
	inputs?: BatchInputs;
}

/**
 * A batch as the API describes it, and once finished, the lines of its output and error files
 * that `wanted` keeps (every line without it), read as they come, and with `withInputs` the
 * format of each of those lines from its input file.
 */
export async function readBatch(
	context: IExecuteFunctions,
	id: string,
	maxBytes: number,
	{ wanted, withInputs }: { wanted?: Set<string>; withInputs: boolean },
): Promise<BatchResults> {
	const { body } = await batchRequest(context, `Checking the batch ${id}`, {
		method: 'GET',
		url: `/batches/${encodeURIComponent(id)}`,
	});
	const batch = batchObjectOf(body);
	const lines = new Map<string, ResultLine>();
	const finished = FINISHED.includes(batch.status);
	if (!finished) return { batch, finished, lines };
	for (const fileId of [batch.output_file_id, batch.error_file_id]) {
		if (!fileId) continue;
		await readFileLines(context, fileId, { maxBytes }, (bytes) => {
			const line = parseResultLine(bytes);
			if (line && (!wanted || wanted.has(line.custom_id))) lines.set(line.custom_id, line);
		});
	}
	if (!withInputs) return { batch, finished, lines };
	const ownLines = batch.metadata?.[FORMAT_KEY] !== undefined;
	const inputFileId = batch.input_file_id ?? undefined;
	const inputs = await readBatchInputs(context, { inputFileId, ownLines }, maxBytes, wanted);
	return { batch, finished, lines, inputs };
}

/** Pure: where a batch stands, in the fields every item of it carries. */
export function batchState(batch: BatchObject): IDataObject {
	return { batchStatus: batch.status, requestCounts: batch.request_counts ?? null };
}

/**
 * The output JSON of one item from its result line, with the batch's final state; a line with no
 * usable answer (not answered, refused by the API, unreadable) throws the item's failure.
 */
export function lineAnswers(
	context: IExecuteFunctions,
	line: ResultLine | undefined,
	batch: BatchObject,
	item: { itemIndex: number; shape: OutputShape; customId?: string },
	options: IDataObject,
): IDataObject[] {
	const response = line?.response;
	const fail = (message: string, description: string | undefined, report: ErrorReport) =>
		new RequestError(context.getNode(), {
			itemIndex: item.itemIndex,
			// A line of a batch fetched by its ID belongs to no input item of its own.
			message: item.customId ? `${message} (custom ID "${item.customId}")` : message,
			description,
			httpCode: report.status === null ? undefined : String(report.status),
			cause: { message },
			retry: { retryable: false },
			report: { ...report, batchStatus: batch.status },
		});
	if (!line || !response) {
		const why =
			line?.error?.message ?? `the batch ${batch.id} ended ${batch.status} before answering it`;
		throw fail(`not answered: ${why}`, 'Submit this item again.', { status: null });
	}
	if (response.status_code < 200 || response.status_code >= 300) {
		const failure = describeRefusal(response.status_code, undefined, response.body);
		throw fail(failure.message, failure.description, {
			status: response.status_code,
			apiMessage: failure.apiMessage,
		});
	}
	const completion = response.body as IDataObject;
	const cost = answerCost(completion.usage, options, Number(options.batchDiscount ?? 50) / 100);
	try {
		return withRequestCost(completionToOutput(completion, item.shape), cost).map((json) => ({
			...json,
			...batchState(batch),
		}));
	} catch (error) {
		// An answer the node cannot read (no choices, JSON that is not JSON): its problem and hint.
		const { message, description } = error as AnswerProblem;
		// Vision Chat asks once more; a batch's answer is final.
		const once = isMismatch(error)
			? ' A batch asks once: submit this item again, or send it with Vision Chat, which asks again with what was wrong.'
			: '';
		throw fail(message, `${description ?? ''}${once}`.trim(), { status: response.status_code });
	}
}
