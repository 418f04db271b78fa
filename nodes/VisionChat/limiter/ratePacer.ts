import { BucketMirror } from './bucketMirror';
import type { RateLimitReading } from './rateLimitHeaders';
import { RateShare } from './rateShare';

/**
 * A limit whose whole refills within this time is a per-second or per-minute one. OpenAI
 * enforces those over shorter intervals than they are stated in ("60,000 requests per minute may
 * be enforced as 1,000 requests per second"), so requests under them are spread evenly rather
 * than sent in a burst. A longer one (Groq's requests per day) may be spent as it comes.
 */
const SHORT_WINDOW_MS = 120_000;

/**
 * A longer wait is not made: a limit used up for hours (a day's quota) is the API's to explain, in
 * the refusal the request then gets.
 */
const MAX_WAIT_MS = 60_000;

/**
 * Starts spread at a high rate may run ahead of their even schedule by this much: a timer wakes a
 * few ms late, and at hundreds of requests a second strict spacing would lose that time on every
 * start. At 10 a second it allows no burst at all.
 */
const SPREAD_SLACK_MS = 20;

/** How many recent starts are kept to spread the next ones after them. */
const STARTS_KEPT = 64;

/**
 * When the next request of one API key may start: after a Retry-After pause has passed, and
 * before the API refuses it, from the rate-limit headers of its answers (rateLimitHeaders.ts): a
 * request waits while the requests or tokens left would not cover it, and under a per-second or
 * per-minute request limit starts are spread at its rate. Without those headers it never holds
 * anything back. It numbers the starts, so that an answer is read against what was sent after its
 * request. Times are in ms, from the caller's clock.
 */
export class RatePacer {
	private readonly requests = new BucketMirror();

	private readonly tokens = new BucketMirror();

	/** The tokens one request took, from the latest answer that said; 1 until then. */
	private tokensPerRequest = 1;

	private started = 0;

	private pausedUntil = 0;

	private readonly startTimes: number[] = [];

	/** The latest start whose answer told the request bucket's level. */
	private latestObserved = 0;

	/** This process's part of the stated request rate, beside other processes on the key. */
	private readonly share = new RateShare();

	/** How many requests have started. */
	get startedCount(): number {
		return this.started;
	}

	/** Whether the answers state a short request limit, whose rate the starts keep to. */
	get pacesStarts(): boolean {
		return this.requests.refillMs <= SHORT_WINDOW_MS;
	}

	/**
	 * The most requests of `request` at once: its Max Concurrent Requests with headers where the API states a
	 * per-second or per-minute request limit that the starts keep to, else its Max Concurrent Requests.
	 */
	maxConcurrentOf(request: { maxConcurrent: number; maxConcurrentWithHeaders?: number }): number {
		return (this.pacesStarts && request.maxConcurrentWithHeaders) || request.maxConcurrent;
	}

	/** The API asked for a pause (Retry-After): nothing new starts before it has passed. */
	pause(untilMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, untilMs);
	}

	/** A number for a request that starts now; its answer is observed with it. */
	start(now: number): number {
		this.requests.take(1, now);
		this.tokens.take(this.tokensPerRequest, now);
		this.startTimes.push(now);
		if (this.requests.known) this.share.started(now);
		if (this.startTimes.length > STARTS_KEPT) this.startTimes.shift();
		return ++this.started;
	}

	/** What the answer to request number `started` reported, and the tokens it took if it said. */
	observe(reading: RateLimitReading, started: number, now: number, tokensUsed?: number): void {
		if (tokensUsed && tokensUsed > 0) this.tokensPerRequest = tokensUsed;
		const sentSince = this.started - started;
		if (reading.requests) {
			const inOrder = started > this.latestObserved;
			this.latestObserved = Math.max(this.latestObserved, started);
			const othersTook = this.requests.observe(reading.requests, sentSince, now, inOrder);
			if (inOrder) this.share.observe(othersTook, this.requests.intervalMs, now);
		}
		if (reading.tokens) {
			this.tokens.observe(reading.tokens, sentSince * this.tokensPerRequest, now);
		}
	}

	/** How many requests the buckets hold now (infinite while no answer has told). */
	room(now: number): number {
		return Math.min(this.requests.levelAt(now), this.tokens.levelAt(now) / this.tokensPerRequest);
	}

	/**
	 * How long the next request must wait, in ms: 0 when it may start now (or, for the headers,
	 * only much later).
	 */
	waitMs(now: number): number {
		const wait = Math.max(
			this.requests.waitMs(1, now),
			this.tokens.waitMs(this.tokensPerRequest, now),
			this.spreadWaitMs(now),
		);
		return Math.max(this.pausedUntil - now, wait > MAX_WAIT_MS ? 0 : wait);
	}

	/**
	 * Under a short request limit, the next start keeps the limit's interval after the starts
	 * before it, the ones sent before the limit was known included (within SPREAD_SLACK_MS).
	 */
	private spreadWaitMs(now: number): number {
		if (!this.pacesStarts) return 0;
		const interval = this.requests.intervalMs / this.share.part;
		let due = Number.NEGATIVE_INFINITY;
		for (const time of this.startTimes) due = Math.max(due, time) + interval;
		// Up to the slack's worth of whole intervals ahead of schedule.
		const ahead = Math.floor(SPREAD_SLACK_MS / interval) * interval;
		return Math.max(0, Math.ceil(due - ahead - now));
	}
}
