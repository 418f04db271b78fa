import { tryParseJson } from '../transport/json';
import { InputProblem } from './inputProblem';

function parseJson(field: string, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const parsed = tryParseJson(value);
	if ('error' in parsed) throw new InputProblem(field, `is not valid JSON (${parsed.error})`);
	return parsed.value;
}

export function checkRange(field: string, value: unknown, min?: number, max?: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new InputProblem(field, `must be a number, got ${JSON.stringify(value)}`);
	}
	if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
		throw new InputProblem(field, `must be between ${min ?? '-∞'} and ${max ?? '∞'}, got ${number}`);
	}
	return number;
}

/** logit_bias: a JSON object of token IDs (integers as keys) to a bias from -100 to 100. */
export function parseLogitBias(value: unknown): Record<string, number> {
	const field = 'Logit Bias';
	const parsed = parseJson(field, value);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InputProblem(field, 'must be a JSON object of token IDs to biases, e.g. {"50256": -100}');
	}
	const bias: Record<string, number> = {};
	for (const [token, weight] of Object.entries(parsed)) {
		if (!/^\d+$/.test(token)) {
			throw new InputProblem(field, `"${token}" is not a token ID (a whole number)`);
		}
		bias[token] = checkRange(`${field} for token ${token}`, weight, -100, 100);
	}
	return bias;
}

export interface JsonSchemaFormat {
	type: 'json_schema';
	json_schema: { name: string; schema: Record<string, unknown>; strict: boolean };
}

export function buildJsonSchemaFormat(name: unknown, schema: unknown, strict: unknown): JsonSchemaFormat {
	const schemaName = String(name ?? '').trim();
	if (!/^[a-zA-Z0-9_-]{1,64}$/.test(schemaName)) {
		throw new InputProblem(
			'Schema Name',
			`must be 1 to 64 letters, digits, underscores or dashes, got ${JSON.stringify(schemaName)}`,
		);
	}
	const parsed = parseJson('JSON Schema', schema);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InputProblem('JSON Schema', 'must be a JSON object (a JSON Schema)');
	}
	return {
		type: 'json_schema',
		json_schema: { name: schemaName, schema: parsed as Record<string, unknown>, strict: strict !== false },
	};
}

export function checkStopSequences(value: unknown): string[] {
	const field = 'Stop Sequences';
	const list = Array.isArray(value) ? value : [value];
	const stops = list.filter((stop) => stop !== '' && stop !== undefined && stop !== null);
	if (stops.length > 4) throw new InputProblem(field, `at most 4 are allowed, got ${stops.length}`);
	for (const stop of stops) {
		if (typeof stop !== 'string') throw new InputProblem(field, `must be text, got ${JSON.stringify(stop)}`);
	}
	return stops as string[];
}

/** A list given as an array, or as text separated by commas or new lines. */
export function splitList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value) ? value.flatMap((entry) => splitList(entry)) : String(value).split(/[\n,]/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * Image URLs from an array, or from text separated by new lines or commas. A comma splits only
 * where a new URL (a scheme) follows, so data URLs and URLs with commas in their path stay whole.
 */
export function parseImageUrls(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : [value];
	const urls = entries
		.flatMap((entry) => String(entry ?? '').split(/\n|,(?=\s*[a-z][a-z0-9+.-]*:)/i))
		.map((url) => url.trim())
		.filter((url) => url !== '');
	for (const url of urls) checkImageUrl(url);
	return urls;
}

function checkImageUrl(url: string): void {
	const field = 'Image URLs';
	const shown = url.length > 80 ? `${url.slice(0, 80)}…` : url;
	if (/^data:/i.test(url)) {
		if (!/^data:image\/(png|jpeg|jpg|webp|gif);base64,[A-Za-z0-9+/=\s]+$/i.test(url)) {
			throw new InputProblem(field, `"${shown}" is not a base64 data URL of a PNG, JPEG, WEBP or GIF image`);
		}
		return;
	}
	const parsed = URL.canParse(url) ? new URL(url) : undefined;
	if (!parsed) {
		throw new InputProblem(field, `"${shown}" is not a URL: write it with http:// or https://`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new InputProblem(
			field,
			`"${shown}" uses ${parsed.protocol}, only http, https and data:image URLs are allowed`,
		);
	}
}
