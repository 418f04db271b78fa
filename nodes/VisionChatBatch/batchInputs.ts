import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import type { JsonSchema } from '../core';
import { readFileLines } from './batchApi';

/** What a line of the batch asked of its answer, as its body says. */
export interface LineFormat {
	/** Its place in the batch's input file: rows come back in the order they were submitted. */
	position: number;
	/** `text`, `json_object` or `json_schema` (Fields, JSON Example and JSON Schema send one). */
	type: string;
	/** The schema's name: `fields` and `example` are the node's own (their fields become columns). */
	name?: string;
	schema?: JsonSchema;
}

/**
 * The input file's lines by custom ID, or why it could not be read: `refused` when the provider
 * answered that it does not give the file back (a 4xx), not when the reading failed on the way.
 */
export type BatchInputs =
	| { formats: Map<string, LineFormat> }
	| { unreadable: string; refused: boolean; advice?: string };

/** The head of a line read: far more than the fields before its messages (its schema). */
const HEAD_BYTES = 8 * 1024 * 1024;

/** The head of a line the node wrote: every body field before the messages (see replaceFields). */
const MESSAGES = Buffer.from(',"messages":');

/**
 * Pure: a line of an input file, read up to its messages where the node wrote it (they hold the
 * images, the bulk of the line; every other field comes before them), whole where not.
 */
function parseRequestLine(
	line: Buffer,
	ownLine: boolean,
): { custom_id?: unknown; body?: IDataObject } | undefined {
	const at = ownLine ? line.indexOf(MESSAGES) : -1;
	if (at > 0) {
		try {
			return JSON.parse(`${line.subarray(0, at).toString('utf8')}}}`);
		} catch {
			// A schema whose text holds the words: the whole line, below.
		}
	}
	try {
		return JSON.parse(line.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * The format of each line of the batch's input file that `wanted` keeps (every line without it),
 * read as it comes, each line only up to its messages (its images are not kept). Equal schemas
 * are kept once. A provider that does not serve the file back (some refuse downloads of batch
 * input files) gives its reason instead.
 */
export async function readBatchInputs(
	context: IExecuteFunctions,
	batch: { inputFileId?: string; ownLines: boolean },
	maxBytes: number,
	wanted?: Set<string>,
): Promise<BatchInputs> {
	const inputFileId = batch.inputFileId;
	if (!inputFileId) return { unreadable: 'the batch names no input file', refused: true };
	const formats = new Map<string, LineFormat>();
	const schemas = new Map<string, JsonSchema>();
	let position = 0;
	try {
		await readFileLines(context, inputFileId, { maxBytes, headBytes: HEAD_BYTES }, (bytes) => {
			if (bytes.every((byte) => byte === 0x20 || byte === 0x0d || byte === 0x09)) return;
			position++;
			const line = parseRequestLine(bytes, batch.ownLines);
			if (typeof line?.custom_id !== 'string') return;
			if (wanted && !wanted.has(line.custom_id)) return;
			const format = (line.body?.response_format ?? {}) as IDataObject;
			const jsonSchema = (format.json_schema ?? {}) as IDataObject;
			const text = jsonSchema.schema === undefined ? undefined : JSON.stringify(jsonSchema.schema);
			if (text !== undefined && !schemas.has(text)) schemas.set(text, JSON.parse(text));
			formats.set(line.custom_id, {
				position: position - 1,
				type: typeof format.type === 'string' ? format.type : 'text',
				...(typeof jsonSchema.name === 'string' ? { name: jsonSchema.name } : {}),
				...(text !== undefined ? { schema: schemas.get(text) } : {}),
			});
		});
	} catch (error) {
		// A 4xx but a timeout or a rate limit: the provider will not give the file back.
		const { httpCode, message, description } = error as NodeApiError;
		const status = Number(httpCode);
		const refused = status >= 400 && status < 500 && status !== 408 && status !== 429;
		return { unreadable: message, refused, ...(description ? { advice: description } : {}) };
	}
	return { formats };
}
