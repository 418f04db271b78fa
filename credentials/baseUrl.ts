export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * The API root that ends in `/v1`, whichever way the user wrote the base URL:
 * with or without `/v1`, trailing slashes, or the full `/chat/completions` path.
 */
export function apiBaseUrl(baseUrl: unknown): string {
	const trimmed = String(baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/chat\/completions$/, '')
		.replace(/\/+$/, '');
	return trimmed.replace(/(\/v1)?$/, '/v1');
}
