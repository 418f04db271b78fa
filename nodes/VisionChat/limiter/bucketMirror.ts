import type { RateLimitWindow } from './rateLimitHeaders';

/**
 * What this process knows of one API-side bucket (requests, or tokens): its level as the latest
 * answer reported it, less what was sent after that request, refilled at the rate the
 * answer's numbers imply (a bucket that refills `limit - remaining` in `reset`).
 */
export class BucketMirror {
	private capacity = 0;

	/** Refill per ms; 0 while unknown (the bucket was full on every answer so far). */
	private ratePerMs = 0;

	/** The range of refill rates every recent answer agrees with. */
	private rateRange = { low: 0, high: Number.POSITIVE_INFINITY };

	private level = 0;

	private at = 0;

	private resetAt = 0;

	/**
	 * The level the latest answer implies, from the middle of the range its rounding leaves, when,
	 * and what this process took since: the unbiased base for what others took.
	 */
	private middle = { level: 0, at: 0, takenSince: 0 };

	/**
	 * `sentSince`: the cost of the requests started after the answered one, which it may not count.
	 * Gives what others took from the bucket since the previous answer (other processes with the
	 * same key): how far below this process's own projection the answer found it, from the middle
	 * of the range the rounding leaves; 0 while the refill rate is unknown, and for an answer to a
	 * request that started before the one answered last (`inOrder` false): its reading is older.
	 * Rounding makes it off by up to half a request either way; the errors of answers in a row
	 * cancel out.
	 */
	observe(window: RateLimitWindow, sentSince: number, now: number, inOrder = true): number {
		const projecting = this.known && this.ratePerMs > 0;
		const projected = this.known ? this.levelAt(now) : Number.NEGATIVE_INFINITY;
		// The waits keep to the highest rate the answers allow and to the top of the range an answer
		// leaves; what others took is judged from the middle of both, which leans neither way.
		const middleRate = (Math.max(0, this.rateRange.low) + this.ratePerMs) / 2;
		const { level, at, takenSince } = this.middle;
		const expected = Math.min(this.capacity, level + middleRate * (now - at)) - takenSince;
		this.capacity = window.limit;
		if (window.remaining < window.limit && window.resetMs > 0) this.learnRate(window);
		// What is left was rounded down, and some of the requests sent since may have been counted:
		// the level is at least what the answer implies, and less than one more. Where the
		// projection falls in that range it stays, keeping the part of a request refilled since.
		const lowest = window.remaining - sentSince;
		this.level = Math.min(Math.max(projected, lowest), lowest + 1);
		this.at = now;
		this.resetAt = now + window.resetMs;
		if (!inOrder) return 0;
		this.middle = { level: lowest + 0.5, at: now, takenSince: 0 };
		return projecting && expected < window.limit ? expected - (lowest + 0.5) : 0;
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

	/** The level now: what is left in the bucket (infinite while unknown). */
	levelAt(now: number): number {
		if (!this.known) return Number.POSITIVE_INFINITY;
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
		this.middle.takenSince += cost;
		this.level = this.levelAt(now) - cost;
		this.at = now;
	}
}
