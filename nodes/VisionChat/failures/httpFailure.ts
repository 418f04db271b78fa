import { RETRYABLE_STATUSES } from './retry';

export interface HttpFailure {
	message: string;
	/** The API's own words (or the status text). */
	apiMessage: string;
	description: string;
	retryable: boolean;
}

/** The API's own words from an error body: OpenAI's `error.message`, or the common variants. */
export function apiErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text) return undefined;
		try {
			return apiErrorMessage(JSON.parse(text)) ?? text.slice(0, 300);
		} catch {
			return text.slice(0, 300);
		}
	}
	if (typeof body !== 'object' || body === null) return undefined;
	const record = body as Record<string, unknown>;
	const error = record.error;
	if (typeof error === 'string') return error;
	if (typeof error === 'object' && error !== null) {
		const message = (error as Record<string, unknown>).message;
		if (typeof message === 'string' && message) return message;
	}
	for (const key of ['message', 'detail', 'msg']) {
		if (typeof record[key] === 'string' && record[key]) return record[key] as string;
	}
	return undefined;
}

function hint(status: number, location: string | undefined): string {
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
			return 'The model is unknown to this API, or the Base URL is wrong (requests go to {Base URL}/v1/chat/completions).';
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

/** Pure: what a non-2xx answer means for the user, and whether another try may succeed. */
export function describeHttpFailure(
	status: number,
	statusText: string | undefined,
	body: unknown,
	location?: string,
): HttpFailure {
	const apiMessage = apiErrorMessage(body) ?? (statusText || 'no error message');
	return {
		message: `the API answered ${status}: ${apiMessage}`,
		apiMessage,
		description: hint(status, location),
		retryable: RETRYABLE_STATUSES.includes(status),
	};
}
