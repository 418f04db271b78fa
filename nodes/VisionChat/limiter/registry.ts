import { createHash } from 'node:crypto';

import { whenAborted } from './abortWatch';
import { KeyLimiter, realClock } from './keyLimiter';
import type { Clock, SlotRequest, Ticket } from './keyLimiter';
import type { RateLimitReading } from './rateLimitHeaders';

/**
 * A limiter unused this long is dropped: it has forgotten what it learned anyway (policy.ts
 * starts over after a minute), and a rotated key must not stay in memory for the process's life.
 */
const DROP_AFTER_IDLE_MS = 10 * 60_000;

/** What a limiter is found by: a hash of the Base URL and the API key. */
export function limiterKey(credentials: { baseUrl: string; apiKey: string }): string {
	return createHash('sha256').update(`${credentials.baseUrl}\n${credentials.apiKey}`).digest('hex');
}

/** What a request tells its key's limiter of each answer, and how it waits to try again. */
export interface SlotReports {
	/** The API pushed back (429, or 503 with Retry-After). */
	answered429: (retryAfterMs?: number) => void;
	/** The rate-limit headers of an answer, and the tokens it took if it said. */
	observe: (reading: RateLimitReading, tokensUsed?: number) => void;
	/**
	 * Gives the slot back, waits `waitMs` and takes a slot again: an item waiting to retry must
	 * not keep a slot it would use to be refused again while the others still run.
	 */
	retryAfterWait: (waitMs: number) => Promise<void>;
}

/** Waits `ms`, or until `signal` aborts if that comes first. */
async function sleepUnlessAborted(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) return;
	let forget = () => {};
	const aborted = new Promise<void>((resolve) => {
		forget = whenAborted(signal, resolve);
	});
	try {
		await Promise.race([clock.sleep(ms), aborted]);
	} finally {
		forget();
	}
}

/**
 * The limiters of this n8n process, one per API key and Base URL, found by their hash: the key
 * itself is kept nowhere here. It runs on the limiters' clock (tests give their own).
 */
export class LimiterRegistry {
	private readonly limiters = new Map<string, KeyLimiter>();

	/** How many requests wait to try again, holding no slot. */
	retrying = 0;

	constructor(private readonly clock: Clock = realClock) {}

	private limiterFor(hash: string): KeyLimiter {
		const found = this.limiters.get(hash);
		if (found) return found;
		// Only a new key can grow the map: unused limiters are dropped then, not on every request.
		const now = this.clock.now();
		for (const [kept, limiter] of this.limiters) {
			if (limiter.idle && now - limiter.idleSince > DROP_AFTER_IDLE_MS) this.limiters.delete(kept);
		}
		const limiter = new KeyLimiter(this.clock);
		this.limiters.set(hash, limiter);
		return limiter;
	}

	/**
	 * Runs `task` in a slot of the limiter of `key` (limiterKey: API key and Base URL), shared by
	 * every execution and node of this n8n process that uses them.
	 */
	async withKeySlot<T>(
		key: string,
		request: SlotRequest,
		task: (slot: SlotReports) => Promise<T>,
	): Promise<T> {
		const limiter = this.limiterFor(key);
		let ticket: Ticket | undefined = await limiter.acquire(request);
		let answered = false;
		try {
			const result = await task({
				answered429: (retryAfterMs) => limiter.answered429(ticket!, retryAfterMs),
				observe: (reading, tokensUsed) => limiter.observe(ticket!, reading, tokensUsed),
				retryAfterWait: async (waitMs) => {
					limiter.release(ticket!, false);
					ticket = undefined;
					// A stopped run or a cancelled execution waits no longer: acquire then refuses.
					this.retrying++;
					await sleepUnlessAborted(this.clock, waitMs, request.signal).finally(
						() => this.retrying--,
					);
					ticket = await limiter.acquire(request, true);
				},
			});
			answered = true;
			return result;
		} finally {
			if (ticket) limiter.release(ticket, answered);
		}
	}

	/** How many limiters hold or await a slot now: 0 once every run is over (tests check no leak). */
	get busy(): number {
		return [...this.limiters.values()].filter((limiter) => !limiter.idle).length;
	}

	/** How many requests of every key wait for a slot now (a stopped run leaves none). */
	get waiting(): number {
		return [...this.limiters.values()].reduce((sum, limiter) => sum + limiter.waiting, 0);
	}

	/** How many limiters are kept (tests check that unused ones go). */
	get kept(): number {
		return this.limiters.size;
	}
}

/** The process's one registry: every execution and node of this n8n shares it. */
const registry = new LimiterRegistry();

export const withKeySlot: LimiterRegistry['withKeySlot'] = async (key, request, task) =>
	await registry.withKeySlot(key, request, task);

/** How many limiters of the process hold or await a slot now (tests check no leak). */
export const busyLimiters = () => registry.busy;

/** How many requests of the process wait for a slot now (tests check a stopped run leaves none). */
export const waitingRequests = () => registry.waiting;

/** How many requests of the process wait to try again now (tests wait for one to be there). */
export const retryingRequests = () => registry.retrying;
