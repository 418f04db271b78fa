import { OpenAiTestServer } from '../server/openAiServer';

export const API_KEY = 'sk-test-vision-0123456789abcdef';

export function credentialsFor(server: OpenAiTestServer, baseUrlSuffix = '/v1') {
	return { apiKey: API_KEY, baseUrl: `${server.url}${baseUrlSuffix}`, extraHeaders: '{}' };
}

/** Parameters for a Vision Chat node, with the model typed by ID. */
export function visionParameters(overrides: Record<string, unknown> = {}) {
	return {
		model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
		prompt: 'Describe this image',
		...overrides,
	};
}

/**
 * Every string reachable from a value through own properties, enumerable or not (an error's
 * message, stack, description, cause, errorResponse, and what they hold), and Buffers as text.
 * JSON.stringify is not enough: n8n's errors have a toJSON that leaves fields out.
 */
export function allTextIn(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (Buffer.isBuffer(value)) return [value.toString('utf8')];
	if (typeof value !== 'object' || value === null || seen.has(value)) return [];
	seen.add(value);
	const texts: string[] = [];
	for (const key of Object.getOwnPropertyNames(value)) {
		texts.push(key, ...allTextIn((value as Record<string, unknown>)[key], seen));
	}
	return texts;
}

/** Every place the node's results and errors can show text: the key must appear in none. */
export function everythingSaid(
	result: { items: unknown[]; error?: unknown; run: unknown },
	logLines: string[],
): string {
	return [
		...allTextIn(result.items),
		...allTextIn(result.error),
		JSON.stringify(result.run),
		...allTextIn(result.run),
		...logLines,
	].join('\n');
}
