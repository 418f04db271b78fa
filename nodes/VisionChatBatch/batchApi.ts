import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';

import {
	describeRefusal,
	isBodyStream,
	megabytes,
	networkCause,
	readBoundedBody,
	readBoundedLines,
	redact,
} from '../core';
import type { BatchApiShape } from './providers';
import { CREDENTIAL_TYPE } from '../../credentials/credentialType';

/** What the Batch API says of a batch (OpenAI's Batch object, the fields the node reads). */
export interface BatchObject {
	id: string;
	status: string;
	input_file_id?: string | null;
	output_file_id?: string | null;
	error_file_id?: string | null;
	/** What Submit stored with the batch (see createBatch.ts). */
	metadata?: Record<string, string> | null;
	request_counts?: { total: number; completed: number; failed: number };
	errors?: { data?: Array<{ code?: string; message?: string; line?: number | null }> } | null;
}

/** A failure of one step of the Batch API, built from the answer's body only, key redacted. */
export function batchApiError(
	context: IExecuteFunctions,
	step: string,
	details: { status?: number; message: string; description?: string; cause: JsonObject },
): NodeApiError {
	const error = new NodeApiError(context.getNode(), details.cause, {
		httpCode: details.status ? String(details.status) : undefined,
	});
	// n8n knows API errors by this name; the message is set after construction, as n8n rewrites
	// one that names an HTTP status.
	error.name = 'NodeApiError';
	error.message = `${step}: ${details.message}`;
	error.description = details.description ?? null;
	return error;
}

interface Answer {
	statusCode: number;
	statusMessage?: string;
	headers: IDataObject;
	body: unknown;
}

/**
 * One request to the Batch API with the node's credential. The answer's status is checked here:
 * a failure names the step, the status and the API's words, never the request (which holds the key).
 */
export async function batchRequest(
	context: IExecuteFunctions,
	step: string,
	options: IHttpRequestOptions,
): Promise<Answer> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const apiKey = String(credentials.apiKey ?? '');
	let answer: Answer;
	try {
		answer = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
			json: true,
			timeout: 300_000,
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect would carry the API key to whatever origin it names.
			disableFollowRedirect: true,
		})) as Answer;
	} catch (error) {
		const cause = networkCause(error);
		const message = cause
			? `the connection to the API failed (${cause.code}: ${cause.detail})`
			: 'the request failed before an answer came';
		throw batchApiError(context, step, {
			message: redact(message, apiKey),
			description: 'Check the Base URL of the credential and that the API is reachable from n8n.',
			cause: { message: redact(message, apiKey) },
		});
	}
	if (answer.statusCode >= 200 && answer.statusCode < 300) return answer;
	const body = isBodyStream(answer.body)
		? (await readBoundedBody(answer.body, { maxBytes: 1024 * 1024 })).toString('utf8')
		: answer.body;
	const failure = describeRefusal(answer.statusCode, answer.statusMessage, body);
	throw batchApiError(context, step, {
		status: answer.statusCode,
		message: redact(failure.message, apiKey),
		description: failure.description,
		cause: redact({ status: answer.statusCode, message: failure.apiMessage }, apiKey),
	});
}

/**
 * Uploads one batch input file (multipart, purpose and path as the provider names them). Its
 * lines are copied once into the request body (n8n's rules for community nodes allow no stream
 * import): at most twice one file in memory, never the run.
 */
export async function uploadBatchFile(
	context: IExecuteFunctions,
	lines: Buffer[],
	fileName: string,
	shape: Pick<BatchApiShape, 'filePurpose' | 'uploadPath' | 'fileNameField'>,
): Promise<string> {
	const boundary = `----VisionChatBatch${Math.random().toString(36).slice(2)}`;
	const field = (name: string, value: string) =>
		`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
	const head = Buffer.from(
		field('purpose', shape.filePurpose) +
			(shape.fileNameField ? field('file_name', fileName) : '') +
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
			'Content-Type: application/jsonl\r\n\r\n',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const { body } = await batchRequest(context, 'Uploading the batch file', {
		method: 'POST',
		url: shape.uploadPath,
		body: Buffer.concat([head, ...lines, tail]),
		json: false,
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
	});
	const file = (typeof body === 'string' ? JSON.parse(body) : body) as IDataObject;
	return String(file.id);
}

/** The longest line of a result file that is read: far beyond any answer, far below a string's end. */
const MAX_LINE_MB = 64;

/**
 * The lines of a batch's file (its input, output or error file), each handed to `onLine` as it
 * arrives: never the whole file in memory, whatever its size up to `maxBytes`.
 */
export async function readFileLines(
	context: IExecuteFunctions,
	fileId: string,
	{ maxBytes, headBytes }: { maxBytes: number; headBytes?: number },
	onLine: (line: Buffer) => void,
): Promise<void> {
	const step = `Downloading the batch file ${fileId}`;
	const { body } = await batchRequest(context, step, {
		method: 'GET',
		url: `/files/${encodeURIComponent(fileId)}/content`,
		json: false,
		encoding: 'stream',
	});
	const tooLarge = () =>
		batchApiError(context, step, {
			message: `the file passed Max Result File Size (${megabytes(maxBytes)}) and was not read further`,
			description:
				'Raise Max Result File Size in Options (each line is read as it comes, so memory follows the answers, not the file), or submit fewer items per batch.',
			cause: { message: `the file passed ${megabytes(maxBytes)}` },
		});
	const lineTooLong = () =>
		batchApiError(context, step, {
			message: `a line of the file passed ${MAX_LINE_MB} MB, which no answer is`,
			description: 'Check that the Base URL points to the provider of this batch.',
			cause: { message: `a line passed ${MAX_LINE_MB} MB` },
		});
	// An input file's lines carry images: only their heads are read (headBytes).
	const maxLineBytes = headBytes ?? Math.min(maxBytes, MAX_LINE_MB * 1024 * 1024);
	const headOnly = headBytes !== undefined;
	const limits = { maxBytes, tooLarge, maxLineBytes, lineTooLong, headOnly };
	await readBoundedLines(body as never, limits, onLine);
}

/** Cancels one batch; the answer is the batch as the provider then describes it. */
export async function cancelBatch(context: IExecuteFunctions, id: string): Promise<unknown> {
	const { body } = await batchRequest(context, `Cancelling the batch ${id}`, {
		method: 'POST',
		url: `/batches/${encodeURIComponent(id)}/cancel`,
	});
	return body;
}
