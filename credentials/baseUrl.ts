export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Where chat completions are, below the API root. */
export const CHAT_COMPLETIONS_PATH = '/chat/completions';

/** APIs that serve chat completions at their bare host's root, not under /v1. */
const ROOT_SERVING_HOSTS = ['api.perplexity.ai'];

/** Linear, unlike `/\/+$/`, which backtracks over every run of slashes in a long text. */
function withoutTrailingSlashes(text: string): string {
	let end = text.length;
	while (end > 0 && text[end - 1] === '/') end--;
	return text.slice(0, end);
}

/**
 * The API root the node's paths (`/chat/completions`, `/models`) are added to. A Base URL with a
 * path is used as typed (`/v1`, `/api/paas/v4`, `/v1beta/openai`, `/compatible-mode/v1`); a bare
 * host gets `/v1`, where most compatible APIs serve. Trailing slashes and a pasted
 * `/chat/completions` are dropped.
 */
export function apiBaseUrl(baseUrl: unknown): string {
	const typed = withoutTrailingSlashes(String(baseUrl || DEFAULT_BASE_URL).trim());
	const trimmed = withoutTrailingSlashes(
		typed.endsWith(CHAT_COMPLETIONS_PATH) ? typed.slice(0, -CHAT_COMPLETIONS_PATH.length) : typed,
	);
	const bareHost = /^[a-z][a-z\d+.-]*:\/\/([^/?#]+)$/i.exec(trimmed);
	if (!bareHost) return trimmed;
	const hostname = bareHost[1].replace(/^.*@/, '').replace(/:\d+$/, '').toLowerCase();
	return ROOT_SERVING_HOSTS.includes(hostname) ? trimmed : `${trimmed}/v1`;
}
