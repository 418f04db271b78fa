import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OutputShape } from '../core';
import { failedItem, runsAsTool, withInputFields } from '../core';
import { SCHEMA_FORMATS, batchIdParameter, namesBatchById, submittedBatchOf } from './batchItem';
import { inSubmissionOrder, readingById, readingOfItem } from './lineReading';
import type { LineReading, ReadingProblem } from './lineReading';
import { batchState, lineAnswers, readBatch } from './batchResults';
import type { BatchResults } from './batchResults';
import type { ResultLine } from './jsonl';

/** What one input item gets back: answers, failed lines, or its batch not done yet. */
interface ItemResults {
	answers: IDataObject[];
	failures: unknown[];
	notReady?: IDataObject;
}

/**
 * Get Results: each distinct batch the input items name is asked once; a finished one's output
 * and error files are read. From Submit's items (Batch From > Items From Submit), every item gets
 * its own answer back in Vision Chat's output shape; by Batch ID, every line of the batch comes
 * out as an item with its custom ID. A line that failed stops the node naming its item, or with
 * On Error > Continue is that item's error item (on n8n's error output when chosen). Items whose
 * batch still runs go to the second output, Not Ready.
 */
export async function getResults(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const options = context.getNodeParameter('resultOptions', 0, {}) as IDataObject;
	const byId = namesBatchById(context);
	const maxBytes = Number(options.maxResultFileMb ?? 1024) * 1024 * 1024;
	const batches = new Map<string, Promise<BatchResults>>();
	// From Submit's items only their own lines are kept: memory follows the run, not the files.
	// The input file is read where a line's format is not on its item (its schema, or by ID).
	const { wanted, needSchemas } = byId
		? { wanted: undefined, needSchemas: true }
		: linesOf(context, items);
	const read = async (id: string) => {
		if (!batches.has(id)) {
			batches.set(id, readBatch(context, id, maxBytes, { wanted, withInputs: needSchemas }));
		}
		return await batches.get(id)!;
	};
	// The batches named by ID whose lines came out already: each comes out once.
	const reported = new Set<string>();
	const done: INodeExecutionData[] = [];
	const notReady: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = items[itemIndex].json;
		const paired = (json: IDataObject) => ({ json, pairedItem: { item: itemIndex } });
		const shape: OutputShape = {
			simplify: context.getNodeParameter('simplify', itemIndex, true) as boolean,
			splitChoices: options.splitChoices === true,
			parseJson: false,
		};
		let results: ItemResults;
		try {
			results = byId
				? await batchLines(context, itemIndex, read, { shape, options }, reported)
				: await itemAnswers(context, itemIndex, read, { shape, options });
		} catch (error) {
			results = { answers: [], failures: [error] };
		}
		if (results.notReady) notReady.push(paired({ ...input, ...results.notReady }));
		for (const json of results.answers) done.push(paired(withInput(json, input, options)));
		// A line without a usable answer is a failure, never an answer (see errorItem).
		const includeInput = options.includeInputFields !== false;
		for (const error of results.failures) {
			done.push(failedItem(context, error, { itemIndex, input, includeInput }));
		}
	}
	// An AI Agent reads the first output only: there a batch still running says so.
	return runsAsTool(context) ? [[...done, ...notReady]] : [done, notReady];
}

/**
 * The custom IDs Submit gave the input items (an item without one fails on its own later), and
 * whether any needs its schema from the batch's input file.
 */
function linesOf(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): { wanted: Set<string>; needSchemas: boolean } {
	const wanted = new Set<string>();
	let needSchemas = false;
	items.forEach(({ json }, itemIndex) => {
		try {
			const submitted = submittedBatchOf(context.getNode(), json, itemIndex, 'answer');
			wanted.add(submitted.customId);
			needSchemas ||= SCHEMA_FORMATS.includes(submitted.responseFormat) && !submitted.schema;
		} catch {
			// Its own error comes with its turn.
		}
	});
	return { wanted, needSchemas };
}

interface Reading {
	shape: OutputShape;
	options: IDataObject;
}

/** An item from Submit: the answer of its own line, paired back by its custom ID. */
async function itemAnswers(
	context: IExecuteFunctions,
	itemIndex: number,
	read: (id: string) => Promise<BatchResults>,
	{ shape, options }: Reading,
): Promise<ItemResults> {
	const input = context.getInputData()[itemIndex].json;
	const submitted = submittedBatchOf(context.getNode(), input, itemIndex, 'answer');
	const { batch, finished, lines, inputs } = await read(submitted.id);
	if (!finished) return { answers: [], failures: [], notReady: batchState(batch) };
	const line = lines.get(submitted.customId);
	const reading = readingOf(line, readingOfItem(submitted, inputs));
	if ('problem' in reading) throw unreadLine(context, itemIndex, reading.problem);
	const { parseJson, answer, notices } = reading;
	const item = { itemIndex, shape: { ...shape, parseJson, answer } };
	const answers = lineAnswers(context, line, batch, item, options);
	return { answers: answers.map((json) => withNotices(json, notices)), failures: [] };
}

/**
 * An item naming a Batch ID (a batch submitted by another execution): every line of the batch,
 * each with its custom ID, the first time the batch is named. Each failed line is a failure of
 * its own, naming its custom ID: with On Error > Continue the answered lines still come out.
 */
async function batchLines(
	context: IExecuteFunctions,
	itemIndex: number,
	read: (id: string) => Promise<BatchResults>,
	{ shape, options }: Reading,
	reported: Set<string>,
): Promise<ItemResults> {
	const id = batchIdParameter(context, itemIndex);
	if (reported.has(id)) return { answers: [], failures: [] };
	reported.add(id);
	const { batch, finished, lines, inputs } = await read(id);
	const results: ItemResults = { answers: [], failures: [] };
	if (!finished) return { ...results, notReady: { batchId: id, ...batchState(batch) } };
	const answersAreJson = context.getNodeParameter('parseJson', itemIndex, false) as boolean;
	const noInputs = { unreadable: 'it was not read', refused: true };
	for (const customId of inSubmissionOrder([...lines.keys()], inputs ?? noInputs)) {
		const line = lines.get(customId);
		const reading = readingOf(
			line,
			readingById(customId, batch, inputs ?? noInputs, answersAreJson),
		);
		if ('problem' in reading) {
			results.failures.push(
				unreadLine(context, itemIndex, `${reading.problem} (custom ID "${customId}")`),
			);
			continue;
		}
		const { parseJson, answer, notices } = reading;
		const item = { itemIndex, customId, shape: { ...shape, parseJson, answer } };
		try {
			for (const json of lineAnswers(context, line, batch, item, options)) {
				results.answers.push(withNotices({ ...json, customId, batchId: id }, notices));
			}
		} catch (error) {
			results.failures.push(error);
		}
	}
	return results;
}

/** A line whose answer cannot be checked as it asked now: its failure, never an unchecked answer. */
function unreadLine(context: IExecuteFunctions, itemIndex: number, problem: string) {
	return new NodeOperationError(context.getNode(), `Not read: ${problem}`, {
		itemIndex,
		description: "The answer is still in the batch's output file at the provider.",
	});
}

/** How a line is read: one with no 2xx answer needs no schema, lineAnswers fails it first. */
function readingOf(
	line: ResultLine | undefined,
	reading: LineReading | ReadingProblem,
): LineReading | ReadingProblem {
	const status = line?.response?.status_code;
	const answered = status !== undefined && status >= 200 && status < 300;
	return 'problem' in reading && !answered
		? { parseJson: false, answer: undefined, notices: [] }
		: reading;
}

/** The output with what the node could not do as asked, where there is anything. */
function withNotices(json: IDataObject, notices: string[]): IDataObject {
	return notices.length > 0 ? { ...json, notices } : json;
}

/** The answer's fields first, then the input item's (Include Input Fields, on by default). */
function withInput(json: IDataObject, input: IDataObject, options: IDataObject): IDataObject {
	return options.includeInputFields === false ? json : withInputFields(json, input);
}
