import type { OutputShape } from '../core';
import type { BatchObject } from './batchApi';
import { COLUMNS_KEY, FORMAT_KEY, SCHEMA_FORMATS, SCHEMA_IN_MESSAGE_KEY } from './batchItem';
import type { SubmittedBatch } from './batchItem';
import type { BatchInputs } from './batchInputs';

/** How one line's answer is read, and what its rows say when that is not known for sure. */
export interface LineReading {
	parseJson: boolean;
	answer?: OutputShape['answer'];
	notices: string[];
}

/** Why a line's answer cannot be read as it asked now: the line fails, nothing passes unchecked. */
export interface ReadingProblem {
	problem: string;
}

const unchecked = (reason: string) =>
	`The answer was not checked against its schema: the batch's input file, which holds it, could not be read (${reason}).`;

const noFormat = (reason: string) =>
	`This batch does not say what its answers are (it was not submitted by Vision Chat Batch, and its input file could not be read: ${reason}): they come as text; turn on Answers Are JSON to parse JSON answers.`;

const whyNot = (inputs: BatchInputs | undefined, customId: string) =>
	inputs && 'unreadable' in inputs ? inputs.unreadable : `the input file has no line "${customId}"`;

const inSystemMessage =
	'The answer was not checked against its schema: the provider takes JSON Object only, so the schema went into the system message.';

/** Why the input file could not be read on the way, and what to do: the line's failure. */
const notRead = (inputs: { unreadable: string; advice?: string }) =>
	`the batch's input file, which holds the schema this answer is checked against, could not be read (${inputs.unreadable}): ${inputs.advice ?? 'run Get Results again'}`;

/** Whether the input file failed on the way (not refused by the provider, not missing a line). */
const failedOnTheWay = (
	inputs: BatchInputs | undefined,
): inputs is { unreadable: string; refused: false; advice?: string } =>
	inputs !== undefined && 'unreadable' in inputs && !inputs.refused;

/**
 * Pure: an item from Submit: its Response Format from the item, its schema from the item where it
 * carries one, else from the batch's input file. A schema that cannot be had is unchecked and
 * said where the provider does not give the file back, and the line's failure where the reading
 * failed on the way: a failure never passes as a checked answer.
 */
export function readingOfItem(
	submitted: SubmittedBatch,
	inputs?: BatchInputs,
): LineReading | ReadingProblem {
	const parseJson = submitted.responseFormat !== 'text';
	const format = inputs && 'formats' in inputs ? inputs.formats.get(submitted.customId) : undefined;
	const schema = submitted.schema ?? format?.schema;
	const answer = parseJson ? { schema, columns: submitted.columns === true } : undefined;
	if (!SCHEMA_FORMATS.includes(submitted.responseFormat) || schema) {
		return { parseJson, answer, notices: [] };
	}
	if (format) return { parseJson, answer, notices: [inSystemMessage] };
	if (failedOnTheWay(inputs)) return { problem: notRead(inputs) };
	return { parseJson, answer, notices: [unchecked(whyNot(inputs, submitted.customId))] };
}

/**
 * Pure: a line of a batch named by its ID, read as it asked: its format and schema from the input
 * file, whether its fields are columns from what Submit stored with the batch (its metadata);
 * without the file, the metadata's format, unchecked; with neither, text (or Answers Are JSON).
 */
export function readingById(
	customId: string,
	batch: BatchObject,
	inputs: BatchInputs,
	answersAreJson: boolean,
): LineReading | ReadingProblem {
	const columnsAsked = batch.metadata?.[COLUMNS_KEY] === 'true';
	const kind = batch.metadata?.[FORMAT_KEY];
	const format = 'formats' in inputs ? inputs.formats.get(customId) : undefined;
	if (format) {
		const parseJson = format.type === 'json_object' || format.type === 'json_schema';
		const ownSchema = format.name === 'fields' || format.name === 'example';
		// A provider that takes JSON Object only: Submit's metadata says whether the fields are columns.
		const columns = parseJson && columnsAsked && (ownSchema || !format.schema);
		// A line that asked JSON Object where Submit put a schema into the system message.
		const unsure =
			parseJson && !format.schema && batch.metadata?.[SCHEMA_IN_MESSAGE_KEY] === 'true';
		return {
			parseJson,
			answer: { schema: format.schema, columns },
			notices: unsure ? [inSystemMessage] : [],
		};
	}
	const reason = whyNot(inputs, customId);
	if (failedOnTheWay(inputs)) return { problem: notRead(inputs) };
	if (kind && kind !== 'mixed') {
		const parseJson = kind !== 'text';
		return {
			parseJson,
			answer: { columns: parseJson && columnsAsked },
			notices: SCHEMA_FORMATS.includes(kind) ? [unchecked(reason)] : [],
		};
	}
	return { parseJson: answersAreJson, notices: [noFormat(reason)] };
}

/**
 * Pure: the custom IDs in the order their lines were submitted: their place in the input file,
 * else the position the node's own IDs start with ("3-receipt.jpg", "item-3"), else as they came.
 */
export function inSubmissionOrder(customIds: string[], inputs: BatchInputs): string[] {
	const formats = 'formats' in inputs ? inputs.formats : undefined;
	const position = (customId: string) => {
		const known = formats?.get(customId)?.position;
		if (known !== undefined) return known;
		const own = /^(?:item-)?(\d+)(?:-|$)/.exec(customId);
		return own ? Number(own[1]) : Number.POSITIVE_INFINITY;
	};
	return customIds
		.map((customId, index) => ({ customId, index, at: position(customId) }))
		.sort((a, b) => a.at - b.at || a.index - b.index)
		.map(({ customId }) => customId);
}
