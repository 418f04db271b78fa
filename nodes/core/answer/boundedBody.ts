import { AnswerProblem } from '../errors/problems';

/** What one attempt may read: at most `maxBytes` decoded bytes, until `signal` aborts. */
export interface AnswerLimits {
	maxBytes: number;
	signal?: AbortSignal;
}

/** A response body as the HTTP client hands it over with `encoding: 'stream'`. */
export interface BodyStream extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): void;
}

export function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as Partial<BodyStream>)[Symbol.asyncIterator] === 'function' &&
		typeof (body as Partial<BodyStream>).destroy === 'function'
	);
}

/** Bytes as the node's messages say them: MB, to three decimals. */
export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 1000) / 1000} MB`;

/** The failure of an answer that passed the limit: never retried, the next try would do the same. */
export function answerTooLarge(maxBytes: number, what = 'answer'): AnswerProblem {
	const limit =
		what === 'answer' ? `Max Answer Size (${megabytes(maxBytes)})` : megabytes(maxBytes);
	return new AnswerProblem(
		`the API's ${what} passed ${limit} and was not read further`,
		false,
		'No chat answer is that large: the Base URL may not point to a chat-completions API (a file server, a web page), or the model wrote without end. Check the Base URL, or raise Limits > Max Answer Size.',
	);
}

/**
 * A response body read to its end, or stopped (the connection closed) once its decoded bytes
 * pass `maxBytes` or `signal` aborts. The HTTP client has already inflated gzip, deflate and br,
 * so a small compressed body that inflates without end is stopped at the limit too.
 */
export async function readBoundedBody(
	stream: BodyStream,
	{ maxBytes, signal }: AnswerLimits,
	what?: string,
): Promise<Buffer> {
	const stop = () => stream.destroy(signal?.reason as Error);
	if (signal?.aborted) stop();
	signal?.addEventListener('abort', stop, { once: true });
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += bytes.length;
			if (size > maxBytes) {
				stream.destroy();
				throw answerTooLarge(maxBytes, what);
			}
			chunks.push(bytes);
		}
	} finally {
		signal?.removeEventListener('abort', stop);
	}
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}

/** Deeper than any chat answer nests; deeper JSON is refused before anything walks it. */
export const MAX_JSON_DEPTH = 256;

/** Pure, linear: whether JSON text nests arrays and objects deeper than `limit` (strings skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let at = 0; at < text.length; at++) {
		const char = text.charCodeAt(at);
		if (inString) {
			if (char === 0x5c) at++;
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x5b || char === 0x7b) {
			if (++depth > limit) return true;
		} else if (char === 0x5d || char === 0x7d) depth--;
	}
	return false;
}

/**
 * Pure: a body's bytes as the HTTP client would have parsed them: JSON when the text is JSON,
 * else the text (an event stream, an HTML page, plain words).
 */
export function decodeBody(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	const start = text[text.search(/\S/)];
	if (start !== '{' && start !== '[' && start !== '"') return text;
	if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
		throw new AnswerProblem(
			`the API's answer is JSON nested more than ${MAX_JSON_DEPTH} levels deep, which no chat answer is`,
			false,
			'Check that the Base URL points to a chat-completions API.',
		);
	}
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * A response body as the later steps read it: when the HTTP client handed it over unread (a
 * stream), read within the limits and decoded; otherwise as it is.
 */
export async function readDecodedBody(
	body: unknown,
	limits: AnswerLimits,
	what?: string,
): Promise<unknown> {
	if (!isBodyStream(body)) return body;
	return decodeBody(await readBoundedBody(body, limits, what));
}
