import { ApplicationError } from 'n8n-workflow';

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The credential's optional extra headers: a JSON object of header name to string value. */
export function parseExtraHeaders(value: unknown): Record<string, string> {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		parsed = parseJson(value);
		if (parsed === undefined) {
			throw new ApplicationError(
				'The credential\'s Extra Headers are not valid JSON: write an object such as {"X-Title": "n8n"}',
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new ApplicationError(
			'The credential\'s Extra Headers must be a JSON object such as {"X-Title": "n8n"}',
		);
	}
	const headers: Record<string, string> = {};
	for (const [name, headerValue] of Object.entries(parsed)) {
		if (/^authorization$/i.test(name)) continue;
		headers[name] = String(headerValue);
	}
	return headers;
}
