import type { IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { networkCause } from './networkCause';
import { RequestError } from './nodeErrors';
import type { SentRequest } from './quirks';
import { redact } from './redact';
import { describeRefusal } from './refusals';
import { RETRYABLE_NETWORK_CODES, retryAfterMs } from './retry';

/** The most of an error body kept in the error (and so in the stored execution). */
const MAX_CAUSE_LENGTH = 10_000;

/** An error body as the error's cause: as it came when small, else the start of its text. */
function causeOfBody(body: unknown): JsonObject {
	const isObject = typeof body === 'object' && body !== null && !Buffer.isBuffer(body);
	let text: string;
	try {
		text = isObject ? JSON.stringify(body) : String(body ?? '');
	} catch {
		text = '';
	}
	if (text.length <= MAX_CAUSE_LENGTH) return isObject ? (body as JsonObject) : { body: text };
	return { body: `${text.slice(0, MAX_CAUSE_LENGTH)}... (${text.length} characters in all)` };
}

/** A non-2xx answer, from the response body only (never the request), with the key redacted. */
export function refusalError(
	context: ItemReader,
	response: IN8nHttpFullResponse,
	apiKey: string | undefined,
	sent: SentRequest,
): RequestError {
	const headers = response.headers as Record<string, unknown>;
	const retryAfter = retryAfterMs(headers);
	const failure = describeRefusal(
		response.statusCode,
		response.statusMessage,
		response.body,
		headers.location as string | undefined,
		sent,
	);
	const body = causeOfBody(response.body);
	return new RequestError(context.getNode(), {
		itemIndex: context.getItemIndex(),
		message: redact(failure.message, apiKey),
		description: failure.description,
		httpCode: String(response.statusCode),
		cause: redact(body, apiKey),
		retry: {
			retryable: failure.retryable,
			retryAfterMs: retryAfter,
			adaptation: failure.adaptation,
			answered429:
				response.statusCode === 429 || (response.statusCode === 503 && retryAfter !== undefined),
		},
		report: { status: response.statusCode, apiMessage: redact(failure.apiMessage, apiKey) },
	});
}

const timeoutHint = (setting: string) =>
	`Raise ${setting} if the model is slow, or send smaller images. It counts from the start of the request to the last byte of the answer.`;

/**
 * An attempt that passed its deadline (Request Timeout, from the request's start to the answer's
 * last byte): worth another try, as a timeout of the HTTP client is.
 */
export function timeoutError(
	context: ItemReader,
	deadline: { ms: number; setting: string },
): RequestError {
	const message = `the request timed out: no whole answer within ${deadline.ms / 1000} s (${deadline.setting})`;
	return new RequestError(context.getNode(), {
		itemIndex: context.getItemIndex(),
		message,
		description: timeoutHint(deadline.setting),
		cause: { code: 'ETIMEDOUT', message },
		retry: { retryable: true },
		report: { status: null, networkCode: 'ETIMEDOUT', apiMessage: message },
	});
}

/**
 * What the engine threw for a request that got no answer, as an RequestError that carries
 * nothing of the request: the engine's error may hold the request's headers, API key included.
 */
export function networkError(context: ItemReader, thrown: unknown): RequestError {
	const itemIndex = context.getItemIndex();
	const network = networkCause(thrown);
	if (!network) {
		const message = `the request failed: ${(thrown as Error)?.message ?? String(thrown)}`;
		return new RequestError(context.getNode(), {
			itemIndex,
			message,
			cause: { message },
			retry: { retryable: false },
			report: { status: null },
		});
	}
	const timedOut = network.code === 'ECONNABORTED' || network.code === 'ETIMEDOUT';
	return new RequestError(context.getNode(), {
		itemIndex,
		message: `${timedOut ? 'the request timed out' : 'the connection to the API failed'} (${network.code}: ${network.detail})`,
		description: timedOut
			? timeoutHint('Options > Request Timeout')
			: 'Check the Base URL of the credential and that the API is reachable from n8n.',
		cause: { code: network.code, message: network.detail },
		retry: { retryable: RETRYABLE_NETWORK_CODES.includes(network.code) },
		report: { status: null, networkCode: network.code, apiMessage: network.detail },
	});
}
