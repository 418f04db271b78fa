import { ApplicationError } from 'n8n-workflow';

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** "Name: value" lines, the way headers are written in HTTP. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseHeaderLines(text: string): Record<string, unknown> {
	const headers: Record<string, unknown> = {};
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '') continue;
		const colon = line.indexOf(':');
		const name = colon < 0 ? '' : line.slice(0, colon).trim();
		if (!HEADER_NAME.test(name)) {
			throw new ApplicationError(
				`The credential's Extra Headers: "${line.trim()}" is not a header: write one "Name: value" per line`,
			);
		}
		headers[name] = line.slice(colon + 1).trim();
	}
	return headers;
}

/**
 * The credential's optional extra headers: "Name: value" lines, or a JSON object of header name
 * to value (what the field took before, kept for credentials saved then).
 */
export function parseExtraHeaders(value: unknown): Record<string, string> {
	if (value === undefined || value === null) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return {};
		parsed = text.startsWith('{') ? parseJson(text) : parseHeaderLines(text);
		if (parsed === undefined) {
			throw new ApplicationError(
				'The credential\'s Extra Headers are not valid JSON: write an object such as {"X-Title": "n8n"}, or one "Name: value" per line',
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new ApplicationError(
			'The credential\'s Extra Headers must be "Name: value" lines or a JSON object such as {"X-Title": "n8n"}',
		);
	}
	const headers: Record<string, string> = {};
	for (const [name, headerValue] of Object.entries(parsed)) {
		if (/^authorization$/i.test(name)) {
			throw new ApplicationError(
				"The credential's Extra Headers set Authorization: remove it, the API Key field sets it",
			);
		}
		if (!HEADER_NAME.test(name)) {
			throw new ApplicationError(
				`The credential's Extra Headers: ${JSON.stringify(name)} is not a header name: use letters, digits and - only`,
			);
		}
		if (!['string', 'number', 'boolean'].includes(typeof headerValue)) {
			throw new ApplicationError(
				`The credential's Extra Headers: the value of ${name} must be text or a number, not ${headerValue === null ? 'null' : Array.isArray(headerValue) ? 'a list' : typeof headerValue === 'object' ? 'an object' : typeof headerValue}`,
			);
		}
		headers[name] = String(headerValue);
	}
	return headers;
}

/** Credentials in use at once in one n8n: more only parse again. */
const PARSED_KEPT = 32;

const parsedByText = new Map<string, Readonly<Record<string, string>>>();

/**
 * parseExtraHeaders, once per text: n8n authenticates every request of a run with the same
 * credential, and a run sends thousands. A text that fails is parsed (and fails) every time.
 */
export function extraHeadersOf(value: unknown): Readonly<Record<string, string>> {
	if (typeof value !== 'string') return parseExtraHeaders(value);
	let headers = parsedByText.get(value);
	if (!headers) {
		headers = Object.freeze(parseExtraHeaders(value));
		if (parsedByText.size >= PARSED_KEPT) parsedByText.clear();
		parsedByText.set(value, headers);
	}
	return headers;
}
