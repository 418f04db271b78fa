import { headerValue } from '../../core/headers';
import type { ResponseHeaders } from '../../core/headers';

/** One limit an API reported on an answer: its size, what is left of it, and when it is whole again. */
export interface RateLimitWindow {
	limit: number;
	remaining: number;
	/** Time until the limit is back to `limit`, in ms. */
	resetMs: number;
}

/** The request and token limits an answer reported, where it did. */
export interface RateLimitReading {
	requests?: RateLimitWindow;
	tokens?: RateLimitWindow;
}

const UNITS_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** A Go duration's parts (`6m0s`, `2m59.56s`, `20ms`): a number and its unit, one after another. */
const DURATION_PART = /(\d{1,15}(?:\.\d{1,15})?)(ms|h|m|s)/y;

/** Pure, linear: a Go duration in ms, or undefined when the text is not one. */
function goDurationMs(text: string): number | undefined {
	let total = 0;
	let at = 0;
	while (at < text.length) {
		DURATION_PART.lastIndex = at;
		const part = DURATION_PART.exec(text);
		if (!part) return undefined;
		total += Number(part[1]) * UNITS_MS[part[2]];
		at = DURATION_PART.lastIndex;
	}
	return at > 0 ? total : undefined;
}

/**
 * A reset as APIs send it, in ms from `now`: a Go duration (`6m0s`, `2m59.56s`, `20ms`, OpenAI
 * and Groq), seconds (`1.5`), or a point in time in epoch seconds or ms (OpenRouter).
 */
export function resetToMs(value: string, now = Date.now()): number | undefined {
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const number = Number(text);
		if (number > 1e12) return Math.max(0, number - now);
		if (number > 1e9) return Math.max(0, number * 1000 - now);
		return number * 1000;
	}
	return goDurationMs(text);
}

function limitWindow(
	headers: ResponseHeaders,
	suffix: string,
	now: number,
): RateLimitWindow | undefined {
	const limit = Number(headerValue(headers, `x-ratelimit-limit${suffix}`));
	const remaining = Number(headerValue(headers, `x-ratelimit-remaining${suffix}`));
	const reset = headerValue(headers, `x-ratelimit-reset${suffix}`);
	const resetMs = reset === undefined ? undefined : resetToMs(reset, now);
	if (!(limit > 0) || !Number.isFinite(remaining) || resetMs === undefined) return undefined;
	return { limit, remaining: Math.max(0, remaining), resetMs };
}

/**
 * The rate-limit headers of an answer: `x-ratelimit-{limit,remaining,reset}-requests` and
 * `-tokens` (OpenAI, Groq, Together and others), or the unsuffixed trio for requests (OpenRouter).
 */
export function readRateLimits(headers: ResponseHeaders, now = Date.now()): RateLimitReading {
	const requests = limitWindow(headers, '-requests', now) ?? limitWindow(headers, '', now);
	const tokens = limitWindow(headers, '-tokens', now);
	return { ...(requests && { requests }), ...(tokens && { tokens }) };
}
