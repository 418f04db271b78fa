import { createServer } from 'http';
import { gzipSync } from 'zlib';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import { TestBatchApi } from './batchApi';
import { SCHEMA_NAMES, schemaErrors } from './schema';
import type { SchemaName } from './schema';

/** What the server received, and whether the official schema accepts it. */
export interface ReceivedRequest {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: any;
	schemaErrors: string[];
	/** The reply kind the server chose for it. */
	reply?: string;
	/** When the request arrived (ms since the epoch). */
	receivedAt: number;
	/** When the server finished sending its answer. */
	answeredAt?: number;
	/** How many requests were open when it arrived, itself included. */
	openAtArrival?: number;
}

/** How to answer one request; `undefined` from a script means the normal answer. */
export type Reply =
	| { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
	| {
			kind: 'raw';
			status: number;
			text: string;
			contentType?: string;
			headers?: Record<string, string>;
	  }
	| { kind: 'reset' }
	| { kind: 'hang' }
	| { kind: 'cutStream' }
	| { kind: 'dropStream' }
	/** 200 JSON whose answer text never ends: 1 MB writes until the client lets go. */
	| { kind: 'flood' }
	/** 200 with a gzip body of about inflatedMb / 1000 MB that inflates to inflatedMb MB of spaces. */
	| { kind: 'gzipBomb'; inflatedMb: number }
	/** An event stream of 256 KB deltas without end. */
	| { kind: 'endlessStream' }
	/** The normal answer, one byte every `intervalMs`. */
	| { kind: 'drip'; intervalMs: number }
	/** The normal answer under `headerBytes` of headers, rate-limit headers among them. */
	| { kind: 'headerFlood'; headerBytes: number };

export type Script = (request: ReceivedRequest, index: number) => Reply | undefined;

export const MODELS = [
	'gpt-4o-mini',
	'gpt-4o',
	'llava:13b',
	'anthropic/claude-3.5-sonnet',
	'qwen2-vl',
];

/** The user message's parts, whatever form the content has. */
export function userParts(body: any): any[] {
	const user = (body?.messages ?? []).find((message: any) => message.role === 'user');
	if (!user) return [];
	return typeof user.content === 'string' ? [{ type: 'text', text: user.content }] : user.content;
}

/** What the demo's local stand-in answers: plainly not a model, but about the images it received. */
export function standInAnswer(body: any): string {
	const images = userParts(body)
		.filter((part) => part.type === 'image_url')
		.map((part) => {
			const match = /^data:image\/(\w+);base64,(.*)$/s.exec(part.image_url.url);
			return match
				? `${match[1].toUpperCase()} of ${Buffer.from(match[2], 'base64').length} bytes`
				: `URL ${part.image_url.url}`;
		});
	const caption = `Local stand-in answer, no model was asked: received ${images.join(', ') || 'no image'}`;
	const format = body?.response_format?.type;
	if (format === 'json_object' || format === 'json_schema') {
		return JSON.stringify({
			tags: ['local-stand-in', ...images.map((image) => image.split(' ')[0].toLowerCase())],
			caption,
			confidence: 0,
		});
	}
	return caption;
}

/** A deterministic answer text: what the request contained, so tests can check it arrived. */
export function answerText(body: any, choiceIndex: number): string {
	const parts = userParts(body);
	const images = parts.filter((part) => part.type === 'image_url');
	const prompt = parts.find((part) => part.type === 'text')?.text ?? '';
	const format = body?.response_format?.type;
	if (format === 'json_object' || format === 'json_schema') {
		const answer = {
			caption: `a test image (${images.length} seen)`,
			tags: images.map((_: unknown, index: number) => `image-${index + 1}`),
			confidence: 0.9,
			choice: choiceIndex,
		};
		// As a strict gateway does: an answer its schema takes.
		const schema = body.response_format.json_schema?.schema;
		return JSON.stringify(format === 'json_schema' ? valueFor(schema, answer) : answer);
	}
	return `Choice ${choiceIndex}: saw ${images.length} image(s) for "${prompt}"`;
}

/**
 * A value that a JSON Schema (of the kinds the node sends) takes: where `known` has a value of
 * the right type under the same name it is used (so answers still say what the request held),
 * otherwise one made for the type.
 */
export function valueFor(schema: any, known?: any, name = 'value'): any {
	if (typeof schema !== 'object' || schema === null) return known;
	if (Array.isArray(schema.anyOf)) return valueFor(schema.anyOf[0], known, name);
	const types: string[] = [schema.type ?? typeof known].flat();
	const type = types.find((candidate) => candidate !== 'null') ?? 'null';
	if (Array.isArray(schema.enum)) return schema.enum.find((value: unknown) => value !== null);
	if (type === 'object') {
		const properties = schema.properties ?? {};
		const value: Record<string, unknown> =
			schema.additionalProperties === false ? {} : { ...known };
		for (const [key, inner] of Object.entries(properties)) {
			value[key] = valueFor(inner, known?.[key], key);
		}
		return value;
	}
	if (type === 'array') {
		const items = Array.isArray(known) && known.length > 0 ? known : [undefined];
		return items.map((entry) => valueFor(schema.items, entry, name));
	}
	const fits =
		(typeof known === type || (type === 'integer' && Number.isInteger(known))) &&
		known !== undefined;
	if (fits && !schema.format) return known;
	if (schema.format === 'date') return '2024-03-01';
	if (schema.format === 'date-time') return '2024-03-01T09:30:00Z';
	if (type === 'string') return `${name} of the image`;
	if (type === 'integer') return 2;
	if (type === 'number') return 12.5;
	if (type === 'boolean') return true;
	return null;
}

function usageFor(body: any) {
	const prompt_tokens = 10 + userParts(body).length;
	const completion_tokens = 7 * (body?.n ?? 1);
	return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** A request with Mistral's `document_url` parts as OpenAI's `file` parts (see takesDocumentUrl). */
function asOpenAi(body: any): any {
	if (!Array.isArray(body?.messages)) return body;
	const messages = body.messages.map((message: any) =>
		Array.isArray(message.content)
			? {
					...message,
					content: message.content.map((part: any) =>
						part?.type === 'document_url'
							? { type: 'file', file: { file_data: part.document_url } }
							: part,
					),
				}
			: message,
	);
	return { ...body, messages };
}

let completionCounter = 0;

export function completionFor(
	body: any,
	text: (body: any, choiceIndex: number) => string = answerText,
) {
	const n = body?.n ?? 1;
	return {
		id: `chatcmpl-test-${++completionCounter}`,
		object: 'chat.completion',
		created: 1_764_000_000,
		model: body?.model ?? 'unknown',
		choices: Array.from({ length: n }, (_, index) => ({
			index,
			message: { role: 'assistant', content: text(body, index), refusal: null },
			logprobs: null,
			finish_reason: 'stop',
		})),
		usage: usageFor(body),
	};
}

/** The same completion as chunks of an event stream, text split in pieces, usage last. */
export function streamChunksFor(
	body: any,
	text: (body: any, choiceIndex: number) => string = answerText,
) {
	const completion = completionFor(body, text);
	const base = {
		id: completion.id,
		object: 'chat.completion.chunk',
		created: completion.created,
		model: completion.model,
	};
	const chunks: any[] = [];
	for (const choice of completion.choices) {
		chunks.push({
			...base,
			choices: [
				{
					index: choice.index,
					delta: { role: 'assistant', content: '' },
					logprobs: null,
					finish_reason: null,
				},
			],
		});
		const text = choice.message.content;
		for (let start = 0; start < text.length; start += 7) {
			chunks.push({
				...base,
				choices: [
					{
						index: choice.index,
						delta: { content: text.slice(start, start + 7) },
						logprobs: null,
						finish_reason: null,
					},
				],
			});
		}
		chunks.push({
			...base,
			choices: [{ index: choice.index, delta: {}, logprobs: null, finish_reason: 'stop' }],
		});
	}
	// As OpenAI does: the usage chunk only when asked for.
	if (body.stream_options?.include_usage)
		chunks.push({ ...base, choices: [], usage: completion.usage });
	return chunks;
}

/**
 * About `headerBytes` of headers a hostile gateway could send: rate-limit headers whose values are
 * long runs that a backtracking parser chokes on, then filler.
 */
export function floodHeaders(headerBytes: number): Record<string, string> {
	const run = Math.floor(headerBytes / 4);
	const headers: Record<string, string> = {
		'x-ratelimit-limit-requests': '9'.repeat(run),
		'x-ratelimit-remaining-requests': '1'.repeat(run),
		'x-ratelimit-reset-requests': '1'.repeat(run),
		'retry-after': '1'.repeat(Math.floor(run / 2)) + 'x',
	};
	for (let index = 0; index * 40 < headerBytes - 3.5 * run; index++) {
		headers[`x-flood-${index}`] = 'f'.repeat(24);
	}
	return headers;
}

export function apiError(
	message: string,
	type = 'invalid_request_error',
	code: string | null = null,
) {
	return { error: { message, type, param: null, code } };
}

/** An answered line of a request no test item made, about 1 KB, as an output file holds it. */
const PADDING_LINE = `${JSON.stringify({
	id: 'batch_req_padding',
	custom_id: 'padding-0000000000',
	response: {
		status_code: 200,
		request_id: 'padding',
		body: {
			id: 'chatcmpl-padding',
			object: 'chat.completion',
			created: 1_700_000_000,
			model: 'gpt-4o-mini',
			choices: [
				{
					index: 0,
					message: { role: 'assistant', content: 'x'.repeat(800), refusal: null },
					finish_reason: 'stop',
					logprobs: null,
				},
			],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		},
	},
	error: null,
})}\n`;

/** Where each padding line's number goes: its custom ID's ten digits. */
const PADDING_DIGITS = PADDING_LINE.indexOf('0000000000');

/**
 * Writes `bytes` of padding lines, each with a custom ID of its own, a megabyte at a time, as
 * fast as the client reads them; made in buffers, so the test's own heap stays out of the count.
 */
async function writePadding(response: ServerResponse, bytes: number): Promise<void> {
	const perChunk = Math.ceil((1024 * 1024) / PADDING_LINE.length);
	const template = Buffer.from(PADDING_LINE.repeat(perChunk));
	let number = 0;
	const closed = new Promise<void>((resolve) => response.once('close', resolve));
	for (let written = 0; written < bytes && !response.destroyed; written += template.length) {
		const chunk = Buffer.from(template);
		for (let line = 0; line < perChunk; line++) {
			const digits = String(number++).padStart(10, '0');
			chunk.write(digits, line * PADDING_LINE.length + PADDING_DIGITS, 'latin1');
		}
		if (!response.write(chunk)) {
			await Promise.race([new Promise((resolve) => response.once('drain', resolve)), closed]);
		}
	}
	response.end();
}

/**
 * An OpenAI-compatible server on 127.0.0.1 for the tests: it checks every request body against
 * the official schema, answers with bodies the same schema accepts, and lets a test script
 * faults per request.
 */
export class OpenAiTestServer {
	readonly requests: ReceivedRequest[] = [];

	/** Bodies the server sent that the schema refuses (must stay empty). */
	readonly invalidReplies: string[] = [];

	script: Script = () => undefined;

	/** The API key the server accepts; any other gets a 401 in OpenAI's words. */
	apiKey = 'sk-test-vision-0123456789abcdef';

	/**
	 * Mistral's deviation: a PDF as a `document_url` part, which OpenAI's spec does not have; the
	 * request is checked as if each were OpenAI's `file` part.
	 */
	takesDocumentUrl = false;

	/** The answer text; the demo's stand-in replaces the tests' echo. */
	answer: (body: any, choiceIndex: number) => string = answerText;

	/** The provider's Batch API: files and batches, each line answered as a completion is. */
	readonly batchApi = new TestBatchApi((body) => completionFor(body, this.answer));

	/**
	 * A provider's concurrency limit: a completion request beyond this many open ones gets 429
	 * with `retry-after-ms` (as OpenAI sends it) of `rateLimitRetryAfterMs`.
	 */
	concurrencyLimit = Number.POSITIVE_INFINITY;

	rateLimitRetryAfterMs = 50;

	/**
	 * A provider's request rate: a token bucket holding `burst` requests, refilled at this many a
	 * second. A completion request finding it empty gets 429 with `retry-after-ms` for the next
	 * token; every completion answer carries OpenAI's `x-ratelimit-*-requests` headers.
	 */
	requestsPerSecond = Number.POSITIVE_INFINITY;

	burst = 1;

	private bucket = { level: 0, at: 0 };

	/**
	 * How many completion requests the server works on at once, as a local Ollama or vLLM does: the
	 * others wait in its queue (latency counts from when work starts), none is refused.
	 */
	parallel = Number.POSITIVE_INFINITY;

	private working = 0;

	private readonly queue: (() => void)[] = [];

	/** How many completion requests got a rate-limit 429. */
	rateLimited = 0;

	/** Whether GET /models is served; without it the server answers 404 as a bare FastAPI app does. */
	servesModels = true;

	/** Whether GET /models answers with a JSON body that never ends, as a hostile gateway could. */
	floodModels = false;

	/** Whether the request log keeps the bodies (the benchmark's memory cases send gigabytes). */
	keepBodies = true;

	/** How long after its arrival every request is answered, in ms; the schema check counts in it. */
	latencyMs = 0;

	/**
	 * While true, completions are answered only when the test says (releaseHeld): a test that
	 * counts what the node sends before an answer comes needs no clock.
	 */
	holdAnswers = false;

	private held: Array<{ request: ReceivedRequest; answer: () => void }> = [];

	inFlight = 0;

	maxInFlight = 0;

	private server?: Server;

	private readonly sockets = new Set<Socket>();

	private readonly hanging = new Set<ServerResponse>();

	url = '';

	async start(): Promise<this> {
		// Load and compile the official schema now: without it the server cannot check anything, and
		// compiling it on the first request would add a third of a second to that request's latency.
		for (const name of SCHEMA_NAMES) schemaErrors(name, {});
		this.server = createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => {
				// A fault of the test server itself: answer at once so the test fails instead of waiting.
				this.invalidReplies.push(`server error: ${error.message}`);
				if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
				response.end(
					JSON.stringify(apiError(`test server error: ${error.message}`, 'server_error')),
				);
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}

	reset(): void {
		this.requests.length = 0;
		this.invalidReplies.length = 0;
		this.script = () => undefined;
		this.latencyMs = 0;
		this.holdAnswers = false;
		this.releaseHeld();
		this.maxInFlight = 0;
		this.servesModels = true;
		this.floodModels = false;
		this.takesDocumentUrl = false;
		this.concurrencyLimit = Number.POSITIVE_INFINITY;
		this.rateLimitRetryAfterMs = 50;
		this.rateLimited = 0;
		this.requestsPerSecond = Number.POSITIVE_INFINITY;
		this.burst = 1;
		this.parallel = Number.POSITIVE_INFINITY;
		this.batchApi.reset();
	}

	/** A rate-limit 429 in OpenAI's words. */
	private refuse(
		response: ServerResponse,
		received: ReceivedRequest,
		limit: string,
		headers: Record<string, string>,
	): void {
		received.reply = 'rate limited';
		this.rateLimited++;
		const error = apiError(`Rate limit reached: ${limit}.`, 'requests', 'rate_limit_exceeded');
		this.send(response, 429, error, 'ErrorResponse', headers);
	}

	/** Sets the request rate, the bucket full. */
	limitRate(requestsPerSecond: number, burst: number): void {
		this.requestsPerSecond = requestsPerSecond;
		this.burst = burst;
		this.bucket = { level: burst, at: Date.now() };
	}

	/** Takes a request from the bucket if it holds one; the headers of the answer either way. */
	private takeFromBucket(now: number): { taken: boolean; headers: Record<string, string> } {
		const perMs = this.requestsPerSecond / 1000;
		const level = Math.min(this.burst, this.bucket.level + (now - this.bucket.at) * perMs);
		const taken = level >= 1;
		this.bucket = { level: taken ? level - 1 : level, at: now };
		const headers: Record<string, string> = {
			'x-ratelimit-limit-requests': String(this.burst),
			'x-ratelimit-remaining-requests': String(Math.floor(this.bucket.level)),
			'x-ratelimit-reset-requests': `${Math.ceil((this.burst - this.bucket.level) / perMs)}ms`,
		};
		if (!taken) headers['retry-after-ms'] = String(Math.ceil((1 - this.bucket.level) / perMs));
		return { taken, headers };
	}

	/** How many completions wait for the test to release them. */
	get heldCount(): number {
		return this.held.length;
	}

	/** Answers the first `count` held completions (all of them by default), in arrival order. */
	releaseHeld(count = Number.POSITIVE_INFINITY): void {
		for (const { answer } of this.held.splice(0, count)) answer();
	}

	/** Answers the held completions that `which` picks, in arrival order. */
	releaseHeldWhere(which: (request: ReceivedRequest) => boolean): void {
		const released = this.held.filter(({ request }) => which(request));
		this.held = this.held.filter((entry) => !released.includes(entry));
		for (const { answer } of released) answer();
	}

	/** The chat-completion requests received so far. */
	get completions(): ReceivedRequest[] {
		return this.requests.filter((request) => request.path.endsWith('/chat/completions'));
	}

	private send(
		response: ServerResponse,
		status: number,
		body: unknown,
		schema?: SchemaName,
		headers: Record<string, string> = {},
	) {
		if (schema) {
			const errors = schemaErrors(schema, body);
			if (errors.length) this.invalidReplies.push(`${schema}: ${errors.join('; ')}`);
		}
		response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		response.end(JSON.stringify(body));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const receivedAt = Date.now();
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		let body: any;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			body = text;
		}
		const path = (request.url ?? '').split('?')[0];
		const received: ReceivedRequest = {
			method: request.method ?? '',
			path,
			headers: request.headers,
			body,
			schemaErrors: [],
			receivedAt,
		};
		const index = this.requests.push(received) - 1;
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		received.openAtArrival = this.inFlight;
		response.on('close', () => this.inFlight--);
		response.on('finish', () => (received.answeredAt = Date.now()));

		const isCompletion = request.method === 'POST' && path.endsWith('/chat/completions');
		if (isCompletion && this.inFlight > this.concurrencyLimit) {
			return this.refuse(response, received, `at most ${this.concurrencyLimit} requests at once`, {
				'retry-after-ms': String(this.rateLimitRetryAfterMs),
			});
		}
		let limitHeaders: Record<string, string> = {};
		if (isCompletion && this.requestsPerSecond < Number.POSITIVE_INFINITY) {
			const { taken, headers } = this.takeFromBucket(receivedAt);
			limitHeaders = headers;
			if (!taken) {
				const limit = `at most ${this.requestsPerSecond} requests per second`;
				return this.refuse(response, received, limit, headers);
			}
		}
		const schemaProblems = isCompletion
			? schemaErrors('CreateChatCompletionRequest', this.takesDocumentUrl ? asOpenAi(body) : body)
			: [];
		if (!this.keepBodies) received.body = undefined;
		let workStarts = receivedAt;
		if (isCompletion && this.parallel < Number.POSITIVE_INFINITY) {
			if (this.working >= this.parallel) await new Promise<void>((next) => this.queue.push(next));
			this.working++;
			response.on('close', () => {
				this.working--;
				this.queue.shift()?.();
			});
			workStarts = Date.now();
		}
		const wait = workStarts + this.latencyMs - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

		if (request.headers.authorization !== `Bearer ${this.apiKey}`) {
			received.reply = 'unauthorized';
			return this.send(
				response,
				401,
				apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
				'ErrorResponse',
			);
		}
		if (request.method === 'GET' && path.endsWith('/models') && !this.servesModels) {
			received.reply = 'not found';
			response.writeHead(404, { 'Content-Type': 'application/json' });
			return void response.end(JSON.stringify({ detail: 'Not Found' }));
		}
		if (request.method === 'GET' && path.endsWith('/models') && this.floodModels) {
			received.reply = 'flood';
			return this.flood(response, {});
		}
		if (request.method === 'GET' && path.endsWith('/models')) {
			received.reply = 'models';
			const list = {
				object: 'list',
				data: MODELS.map((id) => ({
					id,
					object: 'model',
					created: 1_700_000_000,
					owned_by: 'test',
				})),
			};
			return this.send(response, 200, list, 'ListModelsResponse');
		}
		if (this.batchApi.handles(path)) {
			received.reply = 'batch api';
			const contentType = String(request.headers['content-type'] ?? '');
			const reply = this.batchApi.handle(received.method, path, contentType, Buffer.concat(chunks));
			if (reply.text === undefined)
				return this.send(response, reply.status, reply.body, reply.schema);
			response.writeHead(reply.status, { 'Content-Type': 'application/jsonl' });
			if (!reply.paddingBytes) return void response.end(reply.text);
			response.write(reply.text);
			return await writePadding(response, reply.paddingBytes);
		}
		if (!isCompletion) {
			received.reply = 'not found';
			return this.send(response, 404, apiError(`Unknown path ${path}`), 'ErrorResponse');
		}
		received.schemaErrors = schemaProblems;
		if (received.schemaErrors.length) {
			received.reply = 'schema';
			return this.send(
				response,
				400,
				apiError(`Request does not match the schema: ${received.schemaErrors.join('; ')}`),
				'ErrorResponse',
			);
		}
		if (this.holdAnswers) {
			await new Promise<void>((answer) => this.held.push({ request: received, answer }));
		}
		const reply = this.script(received, index);
		received.reply = reply?.kind ?? 'ok';
		switch (reply?.kind) {
			case 'json':
				return this.send(
					response,
					reply.status,
					reply.body,
					reply.status < 300 ? undefined : 'ErrorResponse',
					reply.headers,
				);
			case 'raw':
				response.writeHead(reply.status, {
					'Content-Type': reply.contentType ?? 'application/json',
					...reply.headers,
				});
				return void response.end(reply.text);
			case 'reset':
				return void request.socket.destroy();
			case 'hang':
				this.hanging.add(response);
				return;
			case 'cutStream':
				return this.stream(response, body, 'end');
			case 'dropStream':
				return this.stream(response, body, 'drop');
			case 'flood':
				return this.flood(response, body);
			case 'gzipBomb':
				return this.gzipBomb(response, reply.inflatedMb);
			case 'endlessStream':
				return this.endlessStream(response, body);
			case 'drip':
				return this.drip(response, body, reply.intervalMs);
			case 'headerFlood':
				return this.send(response, 200, completionFor(body, this.answer), undefined, {
					...floodHeaders(reply.headerBytes),
				});
		}
		if (body.stream) return this.stream(response, body, undefined, limitHeaders);
		return this.send(
			response,
			200,
			completionFor(body, this.answer),
			'CreateChatCompletionResponse',
			limitHeaders,
		);
	}

	/** Writes `next()` for as long as the client reads, at the pace it reads. */
	/** Writes `next()` for as long as the client reads, at the pace it reads, until it gives undefined. */
	private async writeUntilClosed(
		response: ServerResponse,
		next: () => string | Buffer | undefined,
	): Promise<void> {
		const closed = new Promise<void>((resolve) => response.once('close', resolve));
		while (!response.destroyed) {
			const piece = next();
			if (piece === undefined) return void response.end();
			if (!response.write(piece)) {
				await Promise.race([
					new Promise<void>((resolve) => response.once('drain', resolve)),
					closed,
				]);
			}
		}
	}

	private async flood(response: ServerResponse, body: any): Promise<void> {
		const head = JSON.stringify(completionFor(body, () => '')).split('"content":""')[0];
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.write(`${head}"content":"`);
		const megabyte = Buffer.alloc(1024 * 1024, 'a');
		await this.writeUntilClosed(response, () => megabyte);
	}

	private async gzipBomb(response: ServerResponse, inflatedMb: number): Promise<void> {
		// Gzip members one after another are one gzip body: a megabyte of spaces, inflatedMb times.
		const member = gzipSync(Buffer.alloc(1024 * 1024, ' '), { level: 9 });
		response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
		let sent = 0;
		await this.writeUntilClosed(response, () => (sent++ < inflatedMb ? member : undefined));
	}

	private async endlessStream(response: ServerResponse, body: any): Promise<void> {
		const [first] = streamChunksFor(body, () => 'x');
		const delta = { ...first, choices: [{ ...first.choices[0], delta: { content: '' } }] };
		delta.choices[0].delta.content = 'a'.repeat(256 * 1024);
		const event = `data: ${JSON.stringify(delta)}\n\n`;
		response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
		await this.writeUntilClosed(response, () => event);
	}

	private async drip(response: ServerResponse, body: any, intervalMs: number): Promise<void> {
		const text = JSON.stringify(completionFor(body, this.answer));
		response.writeHead(200, { 'Content-Type': 'application/json' });
		for (let at = 0; at < text.length && !response.destroyed; at++) {
			response.write(text[at]);
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
		}
		response.end();
	}

	/** Sends the event stream; `cut` stops halfway: 'end' closes the response, 'drop' the connection. */
	private stream(
		response: ServerResponse,
		body: any,
		cut?: 'end' | 'drop',
		headers: Record<string, string> = {},
	): void {
		const chunks = streamChunksFor(body, this.answer);
		response.writeHead(200, {
			'Content-Type': 'text/event-stream',
			'Cache-Control': 'no-cache',
			...headers,
		});
		const sent = cut ? chunks.slice(0, Math.ceil(chunks.length / 2)) : chunks;
		for (const chunk of sent) {
			const errors = schemaErrors('CreateChatCompletionStreamResponse', chunk);
			if (errors.length) this.invalidReplies.push(`stream chunk: ${errors.join('; ')}`);
			response.write(`data: ${JSON.stringify(chunk)}\n\n`);
		}
		if (cut === 'drop') return void response.socket?.destroy();
		if (cut === 'end') return void response.end();
		response.end('data: [DONE]\n\n');
	}
}
