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

/** Every place the node's results and errors can show text: the key must appear in none. */
export function everythingSaid(result: { items: unknown[]; error?: unknown; run: unknown }, logLines: string[]): string {
	const errorText = (error: any) =>
		error ? [error.message, error.description, JSON.stringify(error), JSON.stringify(error.cause ?? null), String(error.stack)].join('\n') : '';
	const itemErrors = (result.items as any[]).map((item) => errorText(item.error)).join('\n');
	return [JSON.stringify(result.items), itemErrors, errorText(result.error), JSON.stringify(result.run), logLines.join('\n')].join('\n');
}
