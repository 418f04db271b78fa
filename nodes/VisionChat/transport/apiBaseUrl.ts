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

/**
 * The same rule as an n8n expression, for the credential test, which n8n evaluates itself. test/unit/apiBaseUrl.test.ts checks both give the same URLs.
 */
export const API_BASE_URL_EXPRESSION =
	'={{ String($credentials.baseUrl || "' +
	DEFAULT_BASE_URL +
	'").trim().replace(/\\/+$/, "").replace(/\\/chat\\/completions$/, "").replace(/\\/+$/, "").replace(/(\\/v1)?$/, "/v1") }}';
