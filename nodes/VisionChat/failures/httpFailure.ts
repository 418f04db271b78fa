import { RETRYABLE_STATUSES } from './retry';
import type { Adaptation } from './retry';

/** What was asked of the API, for words about a refusal. */
export interface SentRequest {
	/** The address the request went to. */
	url?: string;
	model?: string;
	sentImageUrls?: boolean;
	choices?: number;
}

export interface HttpFailure {
	message: string;
	/** The API's own words (or the status text). */
	apiMessage: string;
	description: string;
	retryable: boolean;
	/** A change to the request that lets the API answer, tried once without asking the user. */
	adaptation?: Adaptation;
}

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Pure, linear: the text between the first start tag of an element and its end tag. */
function elementText(html: string, lower: string, name: string): string | undefined {
	const start = lower.indexOf(`<${name}`);
	if (start < 0) return undefined;
	const open = lower.indexOf('>', start);
	const close = open < 0 ? -1 : lower.indexOf(`</${name}`, open);
	return close < 0 ? undefined : html.slice(open + 1, close);
}

/**
 * Pure, linear: the readable text of an HTML page (a proxy's 502 page): its title and text, no
 * markup or script. Scanned by hand: an unclosed tag repeated makes a backtracking pattern
 * quadratic, and a gateway's page can be megabytes.
 */
function htmlText(html: string): string {
	// ASCII only, so that every index in `lower` is the same place in `html`.
	const lower = html.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
	const title = elementText(html, lower, 'title')?.trim();
	const pieces: string[] = [];
	let at = 0;
	while (at < html.length) {
		const tag = html.indexOf('<', at);
		if (tag < 0) {
			pieces.push(html.slice(at));
			break;
		}
		pieces.push(html.slice(at, tag), ' ');
		const end = html.indexOf('>', tag);
		if (end < 0) break;
		const name = /^<(script|style|head)\b/.exec(lower.slice(tag, tag + 8))?.[1];
		// What a script, a style or the head holds is not text: skip to its end tag.
		const closing = name ? lower.indexOf(`</${name}`, end) : -1;
		const skipTo = name ? (closing < 0 ? html.length : lower.indexOf('>', closing)) : end;
		at = skipTo < 0 ? html.length : skipTo + 1;
	}
	const text = pieces
		.join('')
		.replace(/&(nbsp|amp|lt|gt);/g, (entity) => ENTITIES[entity])
		.replace(/\s+/g, ' ')
		.trim();
	const body = title && text.startsWith(title) ? text.slice(title.length).trim() : text;
	return [title, body].filter(Boolean).join(': ').slice(0, 300);
}

/** FastAPI's validation errors (vLLM, Mistral): `[{loc: [...], msg}]` as "loc: msg" lines. */
function validationErrors(detail: unknown): string | undefined {
	if (!Array.isArray(detail)) return undefined;
	const lines = detail
		.slice(0, 20)
		.map((entry) => {
			const { loc, msg } = (entry ?? {}) as { loc?: unknown; msg?: unknown };
			if (typeof msg !== 'string') return undefined;
			const where = Array.isArray(loc) ? loc.filter((part) => part !== 'body').join('.') : '';
			return where ? `${where}: ${msg}` : msg;
		})
		.filter((line): line is string => line !== undefined);
	return lines.length ? lines.join('; ') : undefined;
}

/** The longest API message kept: enough for any real one, not a whole body sent as a message. */
const MAX_MESSAGE_LENGTH = 1000;

function wordsOf(value: unknown, depth = 0): string | undefined {
	if (typeof value === 'string' && value.trim()) return value.trim().slice(0, MAX_MESSAGE_LENGTH);
	if (typeof value !== 'object' || value === null || depth > 8) return undefined;
	const record = value as Record<string, unknown>;
	return (
		wordsOf(record.message, depth + 1) ??
		validationErrors(record.detail)?.slice(0, MAX_MESSAGE_LENGTH) ??
		wordsOf(record.detail, depth + 1) ??
		wordsOf(record.msg, depth + 1)
	);
}

/**
 * The API's own words from an error body: OpenAI's `error.message`, or what other servers send:
 * `error` as text, a top-level `message` (vLLM), `detail` (FastAPI servers, also as a list of
 * validation errors), a plain string, or an HTML page from a proxy (its readable text).
 */
export function apiErrorMessage(body: unknown): string | undefined {
	if (Buffer.isBuffer(body)) return apiErrorMessage(body.toString('utf8'));
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text) return undefined;
		if (/^<(!doctype|html|head|body)\b/i.test(text)) return htmlText(text) || undefined;
		try {
			return apiErrorMessage(JSON.parse(text)) ?? text.slice(0, 300);
		} catch {
			return text.slice(0, 300);
		}
	}
	if (typeof body !== 'object' || body === null) return undefined;
	const record = body as Record<string, unknown>;
	return wordsOf(record.error) ?? wordsOf(record);
}

function statusHint(status: number, location: string | undefined, sent: SentRequest): string {
	if (status >= 300 && status < 400) {
		return `The API redirected the request${location ? ` to ${location}` : ''}. The node does not follow redirects (the API key would go along): set the credential's Base URL to the address that answers.`;
	}
	switch (status) {
		case 400:
			return 'The API refused the request: check that the model reads images and supports the options you set.';
		case 401:
			return 'The API key was not accepted: check the API Key of the Vision Chat API credential.';
		case 403:
			return 'The API key may not use this model or endpoint.';
		case 404:
			return `Nothing answers at ${sent.url ?? 'this address'}, or the model is unknown to this API. A Base URL with a path is used as typed (for example https://open.bigmodel.cn/api/paas/v4); a bare host gets /v1. Check the Base URL against your provider's table in the README.`;
		case 413:
			return 'The request is too large for the API: send smaller or fewer images, choose Image Detail "Low", or lower Max Image Size so large files are refused early.';
		case 429:
			return 'The API is rate limiting you. Lower Max Concurrent Requests, or use Request Options > Batching to space the items out; Max Retries waits and retries each item.';
		default:
			return status >= 500
				? 'The API failed to answer. Transient errors are retried (Max Retries).'
				: 'The API refused the request.';
	}
}

interface Quirk {
	/** Whether a refusal is this known one. */
	matches(status: number, apiMessage: string, sent: SentRequest): boolean;
	/** The message in place of the API's words alone. */
	message?(apiMessage: string, sent: SentRequest): string;
	hint?: string;
	adaptation?: Adaptation;
}

const REFUSAL = [400, 422];

/** Refusals that gateways and models are known to send, and what each means for the user. */
const QUIRKS: Quirk[] = [
	{
		// Groq: "property 'stream_options' is unsupported"; Mistral: 422 "extra inputs are not permitted".
		matches: (status, text) => REFUSAL.includes(status) && /stream_options/i.test(text),
		hint: 'This API refuses stream_options, which the node sends with Stream on to get usage: turn Stream off.',
		adaptation: 'withoutStreamOptions',
	},
	{
		// OpenAI's reasoning models: "Use 'max_completion_tokens' instead."
		matches: (status, text) =>
			REFUSAL.includes(status) && /max_tokens/.test(text) && /max_completion_tokens/.test(text),
		hint: 'This model takes the token limit as max_completion_tokens only: remove Max Tokens from Model Parameters.',
		adaptation: 'maxCompletionTokens',
	},
	{
		// Ollama's OpenAI layer, base64 only: "invalid image input" (older), "image URLs are not
		// currently supported, please use base64 encoded data instead".
		matches: (status, text, sent) =>
			REFUSAL.includes(status) &&
			Boolean(sent.sentImageUrls) &&
			((/base64/i.test(text) && /url/i.test(text)) || /^invalid image input$/i.test(text)),
		hint: 'This API takes images only as base64 data, not as URLs: download them first (for example with the HTTP Request node, Response Format "File") and send them with Binary Images instead of Image URLs.',
	},
	{
		// DeepSeek chat: "unknown variant `image_url`, expected `text`"; OpenAI: "image_url is only
		// supported by certain models".
		matches: (status, text) =>
			REFUSAL.includes(status) &&
			/image_url|image input|images? (is|are) not supported|does not support images?/i.test(text),
		message: (text, sent) =>
			`model ${sent.model ? `"${sent.model}" ` : ''}does not accept images (the API says: ${text})`,
		hint: 'Choose a vision model of this API, or send no images (Binary Images "None", no Image URLs).',
	},
	{
		// OpenAI's reasoning models: "Only the default (1) value is supported."
		matches: (status, text) => REFUSAL.includes(status) && /\btemperature\b/i.test(text),
		hint: 'This model does not accept the Temperature you set: remove Temperature from Model Parameters (reasoning models take only the default, 1).',
	},
	{
		matches: (status, text) => REFUSAL.includes(status) && /\btop_p\b/i.test(text),
		hint: 'This model does not accept the Top P you set: remove Top P from Model Parameters.',
	},
	{
		// Anthropic's OpenAI compatibility: only one choice.
		matches: (status, text, sent) =>
			REFUSAL.includes(status) &&
			(sent.choices ?? 1) > 1 &&
			/(^|[^\w])n([^\w]|$)|choices/i.test(text),
		hint: 'This API gives one answer per request: remove Number of Choices from Model Parameters (or set it to 1).',
	},
];

/** Pure: what a non-2xx answer means for the user, and whether another try may succeed. */
export function describeHttpFailure(
	status: number,
	statusText: string | undefined,
	body: unknown,
	location?: string,
	sent: SentRequest = {},
): HttpFailure {
	const apiMessage = apiErrorMessage(body) ?? (statusText || 'no error message');
	const quirk = QUIRKS.find((known) => known.matches(status, apiMessage, sent));
	return {
		message: `the API answered ${status}: ${quirk?.message?.(apiMessage, sent) ?? apiMessage}`,
		apiMessage,
		description: quirk?.hint ?? statusHint(status, location, sent),
		retryable: RETRYABLE_STATUSES.includes(status),
		adaptation: quirk?.adaptation,
	};
}
