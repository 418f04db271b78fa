import { headerValue } from '../headers';
import type { ResponseHeaders } from '../headers';
import type { Adaptation } from './quirks';

/** HTTP statuses worth another try: timeouts, conflicts, rate limits and server faults. */
export const RETRYABLE_STATUSES = [408, 409, 429, 500, 502, 503, 504];

/** Network failures worth another try: the request may not have reached the API. */
export const RETRYABLE_NETWORK_CODES = [
	'ECONNRESET',
	'ECONNABORTED',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
];

/** What the request loop needs to know of a failed attempt. */
export interface RetryAdvice {
	retryable: boolean;
	/** How long the API asked us to wait (Retry-After). */
	retryAfterMs?: number;
	adaptation?: Adaptation;
	/** The API pushed back on the key (429, or 503 with Retry-After): fewer requests for all. */
	answered429?: boolean;
	/** An answer its schema does not take: asked once more, with what was wrong. */
	reask?: Reask;
}

/** What asking again needs: the answer, what is wrong with it, and the usage it cost. */
export interface Reask {
	answer: string;
	problems: string[];
	usage: unknown;
}

/** How long the API asks us to wait, from `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: ResponseHeaders, now = Date.now()): number | undefined {
	const milliseconds = Number(headerValue(headers, 'retry-after-ms'));
	if (headerValue(headers, 'retry-after-ms') !== undefined && Number.isFinite(milliseconds)) {
		return Math.max(0, milliseconds);
	}
	const retryAfter = headerValue(headers, 'retry-after')?.trim();
	if (!retryAfter) return undefined;
	if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
	const date = Date.parse(retryAfter);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How often one item is sent again after push-backs (429, or 503 with Retry-After): five times
 * Max Retries, since each push-back slows the key down (the limiter cuts and pauses it) and the
 * item then waits its turn; several n8n processes sharing a key meet them as a matter of course.
 * Max Retries 0 still turns them off.
 */
export const pushBackRetries = (maxRetries: number) => 5 * maxRetries;

/**
 * The wait before retry number `attempt + 1`: what the API asked for, or exponential backoff
 * from 1 s with jitter (half to full), never longer than `maxWaitMs`.
 */
export function retryDelayMs(
	attempt: number,
	askedMs: number | undefined,
	maxWaitMs: number,
	random = Math.random,
): number {
	if (askedMs !== undefined) return Math.min(askedMs, maxWaitMs);
	const backoff = 1000 * 2 ** attempt;
	return Math.min(maxWaitMs, Math.round(backoff * (0.5 + random() * 0.5)));
}
