import { BucketMirror } from './bucketMirror';
import type { RateLimitReading } from './rateLimitHeaders';

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
 * What others took is counted over this long; the part of the rate this process takes moves
 * towards what they leave by the fraction of it an answer's interval is, so that processes
 * adjusting at once do not overshoot together.
 */
const SHARE_WINDOW_MS = 2000;

/** Others taking less than this part of the rate may be the rounding's noise. */
const SHARED_NOISE = 0.05;

/** The part of a shared key's rate the processes keep to, together. */
const SHARED_FULL = 0.95;

/** The least part of the rate a process keeps, however much others take. */
const MIN_SHARE = 0.05;

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

	/** When this process's requests of the last SHARE_WINDOW_MS started. */
	private readonly ownStarts: number[] = [];

	/** What others took from the request bucket, by the time of the answer that showed it. */
	private readonly othersTook: Array<{ at: number; count: number }> = [];

	/** The latest start whose answer told the request bucket's level. */
	private latestObserved = 0;

	/** The part of the stated request rate this process spreads its starts at. */
	private share = 1;

	private sharedAt = 0;

	private judged = false;

	/** When answers first told what others took: half a window of them is needed to judge. */
	private sharingSince = Number.NaN;

	/** How many requests have started. */
	get startedCount(): number {
		return this.started;
	}

	/** A number for a request that starts now; its answer is observed with it. */
	start(now: number): number {
		this.requests.take(1, now);
		this.tokens.take(this.tokensPerRequest, now);
		this.startTimes.push(now);
		if (this.requests.known) this.ownStarts.push(now);
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
			if (inOrder) this.shareWithOthers(othersTook, now);
		}
		if (reading.tokens) {
			this.tokens.observe(reading.tokens, sentSince * this.tokensPerRequest, now);
		}
	}

	/**
	 * Other processes using the key (queue-mode workers) take from the same bucket. Over the last
	 * SHARE_WINDOW_MS, this process's starts and what the answers show the others took add up to
	 * the rate the key is used at. Above the stated rate, its part shrinks in proportion (every
	 * process by the same factor); below, it grows by half the room left (every process by the
	 * same amount, which evens the parts out): TCP's rule for many senders on one link, with no
	 * word between them. A step is the part of the window since the previous answer.
	 */
	private shareWithOthers(othersTook: number, now: number): void {
		this.othersTook.push({ at: now, count: othersTook });
		while (this.othersTook[0].at <= now - SHARE_WINDOW_MS) this.othersTook.shift();
		while (this.ownStarts.length && this.ownStarts[0] <= now - SHARE_WINDOW_MS) {
			this.ownStarts.shift();
		}
		if (Number.isNaN(this.sharingSince) && this.requests.intervalMs > 0) this.sharingSince = now;
		// A quarter of a window of answers is needed to judge.
		if (!(now - this.sharingSince >= SHARE_WINDOW_MS / 4)) {
			this.sharedAt = now;
			return;
		}
		const elapsed = Math.min(SHARE_WINDOW_MS, now - this.sharingSince);
		const stated = elapsed / this.requests.intervalMs;
		const others = this.othersTook.reduce((sum, entry) => sum + entry.count, 0);
		// Shared, the key is kept a little under its rate: the processes' first answers went out
		// at the whole rate each, before any of them could tell.
		const full = others > SHARED_NOISE * stated ? SHARED_FULL : 1;
		const used = (this.ownStarts.length + Math.max(0, others)) / (stated * full);
		const target = used > 1 ? this.share / used : Math.min(1, this.share + (1 - used) / 2);
		// The first judgement goes all the way: every process started at the whole rate.
		const step = this.judged ? Math.min(1, (now - this.sharedAt) / (2 * SHARE_WINDOW_MS)) : 1;
		this.judged = true;
		this.share = Math.max(MIN_SHARE, this.share + (target - this.share) * step);
		this.sharedAt = now;
	}

	/** How many requests the buckets hold now (infinite while no answer has told). */
	room(now: number): number {
		return Math.min(this.requests.levelAt(now), this.tokens.levelAt(now) / this.tokensPerRequest);
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
	 * before it, the ones sent before the limit was known included (within SPREAD_SLACK_MS).
	 */
	private spreadWaitMs(now: number): number {
		if (this.requests.refillMs > SHORT_WINDOW_MS) return 0;
		const interval = this.requests.intervalMs / this.share;
		let due = Number.NEGATIVE_INFINITY;
		for (const time of this.startTimes) due = Math.max(due, time) + interval;
		// Up to the slack's worth of whole intervals ahead of schedule.
		const ahead = Math.floor(SPREAD_SLACK_MS / interval) * interval;
		return Math.max(0, Math.ceil(due - ahead - now));
	}
}
