/**
 * What others took is counted over this long; the part of the rate this process takes moves
 * towards what they leave by a part of it at each answer, so that processes adjusting at once do
 * not overshoot together.
 */
const SHARE_WINDOW_MS = 2000;

/** Others taking less than this part of the rate may be the rounding's noise. */
const SHARED_NOISE = 0.05;

/** The part of a shared key's rate the processes keep to, together. */
const SHARED_FULL = 0.95;

/** The least part of the rate a process keeps, however much others take. */
const MIN_SHARE = 0.05;

/**
 * This process's part of a stated request rate that other processes (queue-mode workers) take
 * from too. Over the last SHARE_WINDOW_MS, its starts and what the answers show the others took
 * add up to the rate the key is used at. Above the stated rate, its part shrinks in proportion
 * (every process by the same factor); below, it grows by half the room left (every process by
 * the same amount, which evens the parts out): TCP's rule for many senders on one link, with no
 * word between them.
 */
export class RateShare {
	/** The part of the stated rate this process spreads its starts at. */
	part = 1;

	/** When this process's requests of the last SHARE_WINDOW_MS started. */
	private readonly ownStarts: number[] = [];

	/** What others took from the bucket, by the time of the answer that showed it. */
	private readonly othersTook: Array<{ at: number; count: number }> = [];

	/** Their sum, kept as they come and go: an answer costs no walk over the window. */
	private othersSum = 0;

	/** When answers first told what others took: a quarter of a window of them is needed. */
	private since = Number.NaN;

	private judgedAt = Number.NaN;

	/** A request of this process started, under a known rate. */
	started(now: number): void {
		this.ownStarts.push(now);
	}

	/** An answer showed others took `othersTook` since the previous one; the rate's interval. */
	observe(othersTook: number, intervalMs: number, now: number): void {
		this.othersTook.push({ at: now, count: othersTook });
		this.othersSum += othersTook;
		while (this.othersTook[0].at <= now - SHARE_WINDOW_MS) {
			this.othersSum -= this.othersTook[0].count;
			this.othersTook.shift();
		}
		while (this.ownStarts.length && this.ownStarts[0] <= now - SHARE_WINDOW_MS) {
			this.ownStarts.shift();
		}
		if (Number.isNaN(this.since) && intervalMs > 0) this.since = now;
		if (!(now - this.since >= SHARE_WINDOW_MS / 4)) return;
		const stated = Math.min(SHARE_WINDOW_MS, now - this.since) / intervalMs;
		const others = this.othersSum;
		// Shared, the key is kept a little under its rate: the processes' first answers went out
		// at the whole rate each, before any of them could tell.
		const full = others > SHARED_NOISE * stated ? SHARED_FULL : 1;
		const used = (this.ownStarts.length + Math.max(0, others)) / (stated * full);
		const target = used > 1 ? this.part / used : Math.min(1, this.part + (1 - used) / 2);
		// The first judgement goes all the way (every process started at the whole rate), the next
		// by the part of two windows since the one before.
		const step = Number.isNaN(this.judgedAt)
			? 1
			: Math.min(1, (now - this.judgedAt) / (2 * SHARE_WINDOW_MS));
		this.judgedAt = now;
		this.part = Math.max(MIN_SHARE, this.part + (target - this.part) * step);
	}
}
