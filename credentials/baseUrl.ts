export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Where chat completions are, below the API root. */
export const CHAT_COMPLETIONS_PATH = '/chat/completions';

/** APIs that serve chat completions at their bare host's root, not under /v1. */
const ROOT_SERVING_HOSTS = ['api.perplexity.ai'];

/**
 * The API root the node's paths (`/chat/completions`, `/models`) are added to. A Base URL with a
 * path is used as typed (`/v1`, `/api/paas/v4`, `/v1beta/openai`, `/compatible-mode/v1`); a bare
 * host gets `/v1`, where most compatible APIs serve. Trailing slashes and a pasted
 * `/chat/completions` are dropped.
 */
export function apiBaseUrl(baseUrl: unknown): string {
	const trimmed = String(baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/chat\/completions$/, '')
		.replace(/\/+$/, '');
	const bareHost = /^[a-z][a-z\d+.-]*:\/\/([^/?#]+)$/i.exec(trimmed);
	if (!bareHost) return trimmed;
	const hostname = bareHost[1].replace(/^.*@/, '').replace(/:\d+$/, '').toLowerCase();
	return ROOT_SERVING_HOSTS.includes(hostname) ? trimmed : `${trimmed}/v1`;
}
