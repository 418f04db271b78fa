import { QUIRKS } from './quirks';
import type { Adaptation, SentRequest } from './quirks';
import { apiErrorMessage } from './apiMessage';
import { RETRYABLE_STATUSES } from './retry';

/** What a refusal (a non-2xx answer) means for the user. */
export interface Refusal {
	message: string;
	/** The API's own words (or the status text). */
	apiMessage: string;
	description: string;
	retryable: boolean;
	/** A change to the request that lets the API answer, tried once without asking the user. */
	adaptation?: Adaptation;
}

function statusHint(
	status: number,
	apiMessage: string,
	location: string | undefined,
	sent: SentRequest,
): string {
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
			// "The model 'x' does not exist": the address answered, the model is what it does not know.
			if (/\bmodel\b/i.test(apiMessage)) {
				return `This API does not know the model${sent.model ? ` "${sent.model}"` : ''}: pick one from the Model list (From List shows the models this API offers), or check the model ID, on a deployment-based API (Azure) the deployment's name.`;
			}
			return `Nothing answers at ${sent.url ?? 'this address'}, or the model is unknown to this API. A Base URL with a path is used as typed (for example https://open.bigmodel.cn/api/paas/v4); a bare host gets /v1. Check the Base URL against your provider's table in the README.`;
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
export function describeRefusal(
	status: number,
	statusText: string | undefined,
	body: unknown,
	location?: string,
	sent: SentRequest = {},
): Refusal {
	const apiMessage = apiErrorMessage(body) ?? (statusText || 'no error message');
	const quirk = QUIRKS.find((known) => known.matches(status, apiMessage, sent));
	return {
		message: `the API answered ${status}: ${quirk?.message?.(apiMessage, sent) ?? apiMessage}`,
		apiMessage,
		description: quirk?.hint ?? statusHint(status, apiMessage, location, sent),
		retryable: RETRYABLE_STATUSES.includes(status),
		adaptation: quirk?.adaptation,
	};
}
