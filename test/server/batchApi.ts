/**
 * OpenAI's Batch API on the test server: `/files` (multipart upload, content, delete) and
 * `/batches` (create, retrieve, cancel), as the official schema defines them. A batch answers
 * each line with the chat handler the live endpoint uses (each line's body schema-checked too)
 * once `delayMs` has passed since it was created. `provider` emulates where a provider's Batch
 * API differs, as its documentation shows it.
 */
import { apiError } from './openAiServer';
import { schemaErrors } from './schema';
import type { SchemaName } from './schema';

type Json = Record<string, any>;

interface StoredFile {
	id: string;
	bytes: number;
	filename: string;
	purpose: string;
	created_at: number;
	content: string;
}

interface StoredBatch {
	object: Json;
	createdMs: number;
	inputFileId: string;
}

/** One request line the server read from an uploaded batch file. */
export interface BatchLine {
	batchId: string;
	customId: string;
	body: any;
	schemaErrors: string[];
}

export interface BatchReply {
	status: number;
	body: unknown;
	schema?: SchemaName;
	/** For file content: the JSONL text as it is. */
	text?: string;
	/** For an output file's content: this many bytes of other result lines after the text. */
	paddingBytes?: number;
}

/**
 * - `zhipu`: lines and batch go to `/v4/chat/completions`; any other endpoint is refused.
 * - `together`: upload at `/files/upload` with `file_name` and purpose `batch-api` (no POST
 *   `/files`); a new batch comes wrapped in `job`; states in capitals, `progress` for counts.
 * - `siliconflow`: a new batch waits `in_queue` before it runs.
 */
export type BatchProvider = 'openai' | 'zhipu' | 'together' | 'siliconflow';

export class TestBatchApi {
	/** Whether the provider has a Batch API: without it, /batches answers 404. */
	servesBatches = true;

	/** Whether the provider has a Files API: without it, /files answers 404 too. */
	servesFiles = true;

	provider: BatchProvider = 'openai';

	/** How long after its creation a batch is done. */
	delayMs = 0;

	/** How many batches the API creates before it answers 500 to another (a fault mid-run). */
	maxBatches = Number.POSITIVE_INFINITY;

	/** Whether the API answers 500 to a cancel (a fault while Submit cleans up). */
	refusesCancel = false;

	/** Whether the API refuses to give a batch input file back (as some refuse downloads by purpose). */
	refusesInputDownloads = false;

	/** Whether a download of a batch input file fails on the way (a 500). */
	failsInputDownloads = false;

	/** Lines whose request the API refuses (their answers go to the error file with a 400). */
	failLine: (customId: string) => boolean = () => false;

	/** A batch that expires after answering this many lines (the rest in the error file). */
	expireAfterLines: number | undefined;

	/**
	 * Bytes of answered lines of other requests served after each output file's own lines, made
	 * as they are sent: a result file larger than any string, never held by the test.
	 */
	outputPaddingBytes = 0;

	readonly files = new Map<string, StoredFile>();

	readonly batches = new Map<string, StoredBatch>();

	readonly lines: BatchLine[] = [];

	/** The Content-Length of each file upload as it arrived, in bytes. */
	readonly uploadSizes: number[] = [];

	private counter = 0;

	constructor(private readonly answer: (body: any) => Json) {}

	reset(): void {
		this.servesBatches = true;
		this.servesFiles = true;
		this.provider = 'openai';
		this.maxBatches = Number.POSITIVE_INFINITY;
		this.refusesCancel = false;
		this.refusesInputDownloads = false;
		this.failsInputDownloads = false;
		this.delayMs = 0;
		this.failLine = () => false;
		this.expireAfterLines = undefined;
		this.outputPaddingBytes = 0;
		this.files.clear();
		this.batches.clear();
		this.lines.length = 0;
		this.uploadSizes.length = 0;
	}

	handles(path: string): boolean {
		return /\/(files|batches)(\/|$)/.test(path);
	}

	handle(method: string, path: string, contentType: string, raw: Buffer): BatchReply {
		const [, resource, id, action] =
			/\/(files|batches)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path) ?? [];
		if (
			(resource === 'batches' && !this.servesBatches) ||
			(resource === 'files' && !this.servesFiles)
		) {
			return { status: 404, body: { detail: 'Not Found' } };
		}
		if (resource === 'files') {
			const uploadPath = this.provider === 'together' ? 'upload' : undefined;
			if (method === 'POST' && id === uploadPath && !action) return this.upload(contentType, raw);
			const file = this.files.get(id);
			if (!file) return notFound(`No such File object: ${id}`);
			if (method === 'GET' && action === 'content') {
				if (this.refusesInputDownloads && file.purpose !== 'batch_output') {
					return badRequest(`Not allowed to download files of purpose: ${file.purpose}`);
				}
				if (this.failsInputDownloads && file.purpose !== 'batch_output') {
					return {
						status: 500,
						body: apiError('The server had an error while processing your request.'),
						schema: 'ErrorResponse',
					};
				}
				const padding = file.filename.includes('output') ? this.outputPaddingBytes : 0;
				return { status: 200, body: undefined, text: file.content, paddingBytes: padding };
			}
			if (method === 'DELETE') {
				this.files.delete(id);
				return {
					status: 200,
					body: { id, object: 'file', deleted: true },
					schema: 'DeleteFileResponse',
				};
			}
			if (method === 'GET') return { status: 200, body: fileObject(file), schema: 'OpenAIFile' };
		}
		if (resource === 'batches') {
			if (method === 'POST' && !id) return this.create(JSON.parse(raw.toString('utf8')));
			const batch = this.batches.get(id);
			if (!batch) return notFound(`No batch found with id '${id}'.`);
			if (method === 'POST' && action === 'cancel') {
				if (this.refusesCancel) {
					return {
						status: 500,
						body: apiError('The server had an error while processing your request.'),
						schema: 'ErrorResponse',
					};
				}
				const { status } = batch.object;
				if (['completed', 'failed', 'expired', 'cancelled'].includes(status)) {
					return badRequest(`Cannot cancel a batch with status '${status}'.`);
				}
				this.finish(batch, 'cancelled', 0);
				return this.batchReply(batch.object);
			}
			if (method === 'GET' && batch.object.status === 'in_queue') {
				// Seen queued once, then it runs.
				const reply = this.batchReply({ ...batch.object });
				batch.object.status = 'in_progress';
				return reply;
			}
			if (method === 'GET') {
				this.advance(batch);
				return this.batchReply(batch.object);
			}
		}
		return notFound(`Unknown path ${path}`);
	}

	private upload(contentType: string, raw: Buffer): BatchReply {
		this.uploadSizes.push(raw.length);
		const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
		if (!boundary) return badRequest('Expected a multipart/form-data upload');
		const fields: Record<string, { filename?: string; value: string }> = {};
		for (const part of raw.toString('utf8').split(`--${boundary}`)) {
			const split = part.indexOf('\r\n\r\n');
			if (split < 0) continue;
			const head = part.slice(0, split);
			const name = /name="([^"]+)"/.exec(head)?.[1];
			if (!name) continue;
			fields[name] = {
				filename: /filename="([^"]+)"/.exec(head)?.[1],
				value: part.slice(split + 4).replace(/\r\n$/, ''),
			};
		}
		if (!fields.file?.filename || !fields.purpose)
			return badRequest('Both "file" and "purpose" are required');
		if (this.provider === 'together' && !fields.file_name)
			return badRequest('"file_name" is required');
		const file: StoredFile = {
			id: `file-${++this.counter}`,
			bytes: Buffer.byteLength(fields.file.value),
			filename: fields.file.filename,
			purpose: fields.purpose.value,
			created_at: Math.floor(Date.now() / 1000),
			content: fields.file.value,
		};
		this.files.set(file.id, file);
		if (this.provider === 'together') {
			const lineCount = file.content.split('\n').filter((line) => line.trim() !== '').length;
			const body = {
				...fileObject(file),
				Processed: true,
				FileType: 'jsonl',
				LineCount: lineCount,
			};
			return { status: 200, body };
		}
		return { status: 200, body: fileObject(file), schema: 'OpenAIFile' };
	}

	/** The chat endpoint this provider's batches take. */
	get endpoint(): string {
		return this.provider === 'zhipu' ? '/v4/chat/completions' : '/v1/chat/completions';
	}

	private create(request: Json): BatchReply {
		if (this.batches.size >= this.maxBatches) {
			return {
				status: 500,
				body: apiError('The server had an error while processing your request.'),
				schema: 'ErrorResponse',
			};
		}
		if (request.endpoint !== this.endpoint)
			return badRequest(`Unsupported endpoint ${request.endpoint}`);
		// Zhipu's endpoint is its own; the rest of the request is OpenAI's.
		const problems = schemaErrors('CreateBatchRequest', {
			...request,
			endpoint: '/v1/chat/completions',
		});
		if (problems.length)
			return badRequest(`Request does not match the schema: ${problems.join('; ')}`);
		const input = this.files.get(request.input_file_id);
		const purpose = this.provider === 'together' ? 'batch-api' : 'batch';
		if (!input || input.purpose !== purpose)
			return badRequest(`Invalid input file ${request.input_file_id}`);
		const id = `batch_${++this.counter}`;
		const now = Math.floor(Date.now() / 1000);
		const object: Json = {
			id,
			object: 'batch',
			endpoint: request.endpoint,
			input_file_id: input.id,
			completion_window: request.completion_window,
			status: this.provider === 'siliconflow' ? 'in_queue' : 'in_progress',
			created_at: now,
			in_progress_at: now,
			expires_at: now + 86_400,
			request_counts: { total: 0, completed: 0, failed: 0 },
			metadata: request.metadata ?? null,
		};
		for (const text of input.content.split('\n')) {
			if (text.trim() === '') continue;
			const line = JSON.parse(text);
			this.lines.push({
				batchId: id,
				customId: line.custom_id,
				body: line.body,
				schemaErrors: [
					...(line.method === 'POST' && line.url === request.endpoint
						? []
						: [`line ${line.custom_id}: ${line.method} ${line.url}`]),
					...schemaErrors('CreateChatCompletionRequest', line.body),
				],
			});
			object.request_counts.total++;
		}
		const batch = { object, createdMs: Date.now(), inputFileId: input.id };
		this.batches.set(id, batch);
		if (this.provider === 'together') {
			return { status: 200, body: { job: togetherJob(object), warning: '' } };
		}
		return this.batchReply(object);
	}

	/** A batch as this provider writes it (schema-checked where it is OpenAI's). */
	private batchReply(object: Json): BatchReply {
		if (this.provider === 'together') return { status: 200, body: togetherJob(object) };
		if (object.status === 'in_queue') return { status: 200, body: object };
		return { status: 200, body: object, schema: 'Batch' };
	}

	/** A batch whose time has come is done: answered, or expired after some lines. */
	private advance(batch: StoredBatch): void {
		if (batch.object.status !== 'in_progress' || Date.now() - batch.createdMs < this.delayMs)
			return;
		const expiring = this.expireAfterLines !== undefined;
		this.finish(batch, expiring ? 'expired' : 'completed', this.expireAfterLines ?? Infinity);
	}

	private finish(batch: StoredBatch, status: string, answered: number): void {
		const lines = this.lines.filter((line) => line.batchId === batch.object.id);
		const output: string[] = [];
		const errors: string[] = [];
		lines.forEach((line, position) => {
			const requestId = `req_${++this.counter}`;
			if (position >= answered) {
				const message =
					status === 'cancelled'
						? 'This request was not executed because the batch was cancelled.'
						: 'This request could not be executed before the completion window expired.';
				const code = status === 'cancelled' ? 'batch_cancelled' : 'batch_expired';
				errors.push(
					JSON.stringify({
						id: `batch_req_${requestId}`,
						custom_id: line.customId,
						response: null,
						error: { code, message },
					}),
				);
			} else if (line.schemaErrors.length || this.failLine(line.customId)) {
				const message = line.schemaErrors.length
					? `Invalid request: ${line.schemaErrors.join('; ')}`
					: 'Invalid image: the file is corrupt.';
				errors.push(answeredLine(line.customId, requestId, 400, apiError(message)));
			} else {
				output.push(answeredLine(line.customId, requestId, 200, this.answer(line.body)));
			}
		});
		const now = Math.floor(Date.now() / 1000);
		const store = (content: string[], name: string) => {
			if (content.length === 0) return undefined;
			const file: StoredFile = {
				id: `file-${++this.counter}`,
				bytes: 0,
				filename: name,
				purpose: 'batch_output',
				created_at: now,
				content: `${content.join('\n')}\n`,
			};
			file.bytes = Buffer.byteLength(file.content);
			this.files.set(file.id, file);
			return file.id;
		};
		Object.assign(batch.object, {
			status,
			// The output's order need not be the input's (OpenAI says so): here it is reversed.
			output_file_id: store(output.reverse(), `${batch.object.id}_output.jsonl`),
			error_file_id: store(errors, `${batch.object.id}_error.jsonl`),
			[`${status === 'completed' ? 'completed' : status}_at`]: now,
			finalizing_at: now,
			request_counts: { total: lines.length, completed: output.length, failed: errors.length },
		});
	}
}

/** A batch as Together's API writes it (its BatchJob). */
function togetherJob(object: Json): Json {
	const { total, completed, failed } = object.request_counts;
	const iso = (seconds: number | undefined) =>
		seconds ? new Date(seconds * 1000).toISOString() : null;
	return {
		id: object.id,
		user_id: 'user_test',
		input_file_id: object.input_file_id,
		file_size_bytes: 0,
		status: String(object.status).toUpperCase(),
		job_deadline: iso(object.expires_at),
		created_at: iso(object.created_at),
		endpoint: object.endpoint,
		progress: total ? Math.round((100 * (completed + failed)) / total) : 0,
		model_id: 'test-model',
		output_file_id: object.output_file_id ?? null,
		error_file_id: object.error_file_id ?? null,
		error: null,
		completed_at: iso(object.completed_at),
	};
}

function fileObject(file: StoredFile): Json {
	return {
		id: file.id,
		object: 'file',
		bytes: file.bytes,
		created_at: file.created_at,
		filename: file.filename,
		purpose: file.purpose,
		status: 'processed',
	};
}

/** One line of a batch output or error file for a request the API answered. */
function answeredLine(customId: string, requestId: string, status: number, body: unknown): string {
	return JSON.stringify({
		id: `batch_req_${requestId}`,
		custom_id: customId,
		response: { status_code: status, request_id: requestId, body },
		error: null,
	});
}

function notFound(message: string): BatchReply {
	return {
		status: 404,
		body: apiError(message),
		schema: 'ErrorResponse',
	};
}

function badRequest(message: string): BatchReply {
	return {
		status: 400,
		body: apiError(message),
		schema: 'ErrorResponse',
	};
}
