import type { RateLimitReading } from './rateLimitHeaders';
import { RatePacer } from './ratePacer';
import type { SlotRequest } from './slot';

/**
 * When the next request of a key may start: after a Retry-After pause has passed, and when the
 * rate-limit headers of its answers leave room (ratePacer.ts). It numbers the starts, so that an
 * answer is read against what was sent after its request. Times are in ms, from the caller's
 * clock.
 */
export class PauseGate {
	private pausedUntil = 0;

	private readonly pacer = new RatePacer();

	/** How many requests have started. */
	get starts(): number {
		return this.pacer.startedCount;
	}

	/**
	 * The most requests of `request` at once: its ceiling with headers where the API states a
	 * per-second or per-minute request limit that the starts keep to, else its ceiling.
	 */
	ceilingOf(request: SlotRequest): number {
		return (this.pacer.pacesStarts && request.ceilingWithHeaders) || request.ceiling;
	}

	/** The API asked for a pause (Retry-After): nothing new starts before it has passed. */
	pause(untilMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, untilMs);
	}

	/** How long the next request must wait, in ms; 0 when it may start now. */
	waitMs(now: number): number {
		return Math.max(this.pausedUntil - now, this.pacer.waitMs(now));
	}

	/** A request starts now: its number, by which its answer is observed. */
	start(now: number): number {
		return this.pacer.start(now);
	}

	/** What the answer to start number `started` said of the API's limits. */
	observe(reading: RateLimitReading, started: number, now: number, tokensUsed?: number): void {
		this.pacer.observe(reading, started, now, tokensUsed);
	}

	/**
	 * How many requests the API's headers leave room for now: what is left of its request limit,
	 * and of its token limit at the tokens a request takes; infinite while they say nothing.
	 */
	room(now: number): number {
		return this.pacer.room(now);
	}
}
