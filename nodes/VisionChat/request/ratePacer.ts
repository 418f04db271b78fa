import type { RateLimitReading, RateLimitWindow } from './rateLimitHeaders';

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

/** How many recent starts are kept to spread the next ones after them. */
const STARTS_KEPT = 64;

/**
 * What this process knows of one API-side bucket (requests, or tokens): its level as the latest
 * answer reported it, less what was sent after that request, refilled at the rate the
 * answer's numbers imply (a bucket that refills `limit - remaining` in `reset`).
 */
class BucketMirror {
	private capacity = 0;

	/** Refill per ms; 0 while unknown (the bucket was full on every answer so far). */
	private ratePerMs = 0;

	/** The range of refill rates every recent answer agrees with. */
	private rateRange = { low: 0, high: Number.POSITIVE_INFINITY };

	private level = 0;

	private at = 0;

	private resetAt = 0;

	/** `sentSince`: the cost of the requests started after the answered one, which it may not count. */
	observe(window: RateLimitWindow, sentSince: number, now: number): void {
		const projected = this.known ? this.levelAt(now) : Number.NEGATIVE_INFINITY;
		this.capacity = window.limit;
		if (window.remaining < window.limit && window.resetMs > 0) this.learnRate(window);
		// What is left was rounded down, and some of the requests sent since may have been counted:
		// the level is at least what the answer implies, and less than one more. Where the
		// projection falls in that range it stays, keeping the part of a request refilled since.
		const lowest = window.remaining - sentSince;
		this.level = Math.min(Math.max(projected, lowest), lowest + 1);
		this.at = now;
		this.resetAt = now + window.resetMs;
	}

	/**
	 * APIs round what is left down to whole requests, so one answer only bounds the rate: the
	 * bucket refilled `limit - remaining - 1` to `limit - remaining` in `reset`. The lowest upper
	 * bound of the answers in a row is used: it comes down to the true rate as answers arrive
	 * at different points of a refill. A range no answer agrees with any more means the limit
	 * changed.
	 */
	private learnRate(window: RateLimitWindow): void {
		const used = window.limit - window.remaining;
		const low = (used - 1) / window.resetMs;
		const high = used / window.resetMs;
		const range = this.rateRange;
		this.rateRange =
			low > range.high || high < range.low
				? { low, high }
				: { low: Math.max(range.low, low), high: Math.min(range.high, high) };
		this.ratePerMs = this.rateRange.high;
	}

	get known(): boolean {
		return this.capacity > 0;
	}

	/** The time for the whole bucket to refill, in ms; infinite while the rate is unknown. */
	get refillMs(): number {
		return this.ratePerMs > 0 ? this.capacity / this.ratePerMs : Number.POSITIVE_INFINITY;
	}

	get intervalMs(): number {
		return this.ratePerMs > 0 ? 1 / this.ratePerMs : 0;
	}

	private levelAt(now: number): number {
		if (this.ratePerMs > 0) {
			return Math.min(this.capacity, this.level + this.ratePerMs * (now - this.at));
		}
		return now >= this.resetAt ? this.capacity : this.level;
	}

	/** How long until `cost` fits, in ms (a cost above the whole bucket waits for a full one). */
	waitMs(cost: number, now: number): number {
		if (!this.known) return 0;
		const needed = Math.min(cost, this.capacity);
		const level = this.levelAt(now);
		if (level >= needed) return 0;
		if (this.ratePerMs > 0) return Math.ceil((needed - level) / this.ratePerMs);
		return Math.max(0, this.resetAt - now);
	}

	take(cost: number, now: number): void {
		if (!this.known) return;
		this.level = this.levelAt(now) - cost;
		this.at = now;
	}
}

/**
 * Slows one API key's requests down before the API refuses them, from the rate-limit headers of
 * its answers (rateLimitHeaders.ts): a request waits while the requests or tokens left would not
 * cover it, and under a per-second or per-minute request limit starts are spread at its rate.
 * Without those headers it never holds anything back. Times are in ms, from the caller's clock.
 */
export class RatePacer {
	private readonly requests = new BucketMirror();

	private readonly tokens = new BucketMirror();

	/** The tokens one request took, from the latest answer that said; 1 until then. */
	private tokensPerRequest = 1;

	private started = 0;

	private readonly startTimes: number[] = [];

	/** How many requests have started. */
	get startedCount(): number {
		return this.started;
	}

	/** A number for a request that starts now; its answer is observed with it. */
	start(now: number): number {
		this.requests.take(1, now);
		this.tokens.take(this.tokensPerRequest, now);
		this.startTimes.push(now);
		if (this.startTimes.length > STARTS_KEPT) this.startTimes.shift();
		return ++this.started;
	}

	/** What the answer to request number `started` reported, and the tokens it took if it said. */
	observe(reading: RateLimitReading, started: number, now: number, tokensUsed?: number): void {
		if (tokensUsed && tokensUsed > 0) this.tokensPerRequest = tokensUsed;
		const sentSince = this.started - started;
		if (reading.requests) this.requests.observe(reading.requests, sentSince, now);
		if (reading.tokens) {
			this.tokens.observe(reading.tokens, sentSince * this.tokensPerRequest, now);
		}
	}

	/** How long the next request must wait, in ms: 0 when it may start now (or only much later). */
	waitMs(now: number): number {
		const wait = Math.max(
			this.requests.waitMs(1, now),
			this.tokens.waitMs(this.tokensPerRequest, now),
			this.spreadWaitMs(now),
		);
		return wait > MAX_WAIT_MS ? 0 : wait;
	}

	/**
	 * Under a short request limit, the next start keeps the limit's interval after the starts
	 * before it, the ones sent before the limit was known included.
	 */
	private spreadWaitMs(now: number): number {
		if (this.requests.refillMs > SHORT_WINDOW_MS) return 0;
		const interval = this.requests.intervalMs;
		let due = Number.NEGATIVE_INFINITY;
		for (const time of this.startTimes) due = Math.max(due, time) + interval;
		return Math.max(0, Math.ceil(due - now));
	}
}
