import { pushBackPauseMs } from './pushBack';

/**
 * One key's push-backs in a row with no clean answer between, those of requests sent together
 * counted once: two or more mean other processes hold what the API allows (crowded out).
 */
export class PushBackRun {
	private inRow = 0;

	private lastAt = Number.NEGATIVE_INFINITY;

	get crowdedOut(): boolean {
		return this.inRow >= 2;
	}

	/** A push-back now on a request granted at `grantedAt`: how long the key pauses, in ms. */
	pushedBack(grantedAt: number, now: number, retryAfterMs: number | undefined, random: number) {
		if (grantedAt > this.lastAt) this.inRow++;
		this.lastAt = now;
		return pushBackPauseMs(retryAfterMs, this.inRow, random);
	}

	/** A clean answer ends the run; whether the key was crowded out until then. */
	answered(): boolean {
		const wasCrowdedOut = this.crowdedOut;
		this.inRow = 0;
		return wasCrowdedOut;
	}
}
