import { sleep } from 'n8n-workflow';

import type { RateLimitReading } from './rateLimitHeaders';
import { RatePacer } from './ratePacer';

/**
 * Once the API has pushed back, the limit grows by one only after this many full rounds of clean
 * answers, twice as many after each further push-back (up to MAX_PROBE_ROUNDS): probing above a
 * provider's limit costs a 429 each time.
 */
const PROBE_ROUNDS = 8;

const MAX_PROBE_ROUNDS = 32;

/**
 * A round of answers this many times slower on average than the fastest round means the API
 * queues requests instead of refusing them (a local Ollama or vLLM does): the limit stops growing.
 */
const QUEUEING = 2;

/**
 * Below this the fastest round is taken as this: timer resolution and a few ms of n8n's own work
 * must not look like a queue when answers take next to nothing.
 */
const MIN_ROUND_MS = 50;

/**
 * A key left unused this long starts over from a small limit: a run an hour later should not be
 * held to what a burst of 429s taught, nor be let loose at a limit it has not seen work today.
 */
const FORGET_AFTER_IDLE_MS = 60_000;

/** Where an adaptive limit starts: few enough for a free tier or a local server. */
const INITIAL_LIMIT = 4;

/** What one request asks of its key's limiter. */
export interface SlotRequest {
	execution: string;
	/** Max Concurrent Requests of the item that asks. */
	ceiling: number;
	adaptive: boolean;
	signal?: AbortSignal;
	/** The bytes of the item's binary images, and the most all slots may hold. */
	bytes: number;
	budget: number;
}

/** A granted slot: its request, which start it was, when, and how many ran with it then. */
export interface Ticket {
	request: SlotRequest;
	started: number;
	activeAtStart: number;
	at: number;
}

interface Waiter {
	request: SlotRequest;
	grant: (ticket: Ticket) => void;
	refuse: (error: Error) => void;
}

/**
 * The requests of one API key and Base URL in this n8n process, shared by every execution and
 * every node that uses them. At most `limit` run at once, never more than the ceiling (Max
 * Concurrent Requests) of the item that asks, and never more binary image bytes than its budget.
 * Executions take turns (round robin, each in its own arrival order), so a large run does not
 * hold back a small one that came later.
 *
 * Adaptive (the default): the limit starts small and doubles after each full round of clean
 * answers until the API first pushes back, then grows by one every few rounds; it stops growing
 * while a round's answers come much slower than the fastest round's (the API queues them). A rate
 * limit cuts it at once to what was running when it came, and a Retry-After pauses every new
 * request on the key until it has passed. Where answers carry rate-limit headers, requests wait
 * before the API would refuse them (ratePacer.ts), adaptive or not.
 */
export class KeyLimiter {
	private active = 0;

	private activeBytes = 0;

	/** Infinite until the first request sets where it starts. */
	private limit = Number.POSITIVE_INFINITY;

	private cleanInRound = 0;

	private slowStart = true;

	private probeRounds = PROBE_ROUNDS;

	/** Whether the limit has held since it last grew: that probe went through. */
	private heldSinceGrowth = false;

	/** Requests started up to this number ran before the latest cut: their 429s are already answered. */
	private cutAfter = 0;

	private pausedUntil = 0;

	/** When the pending wake-up timer fires, if one is pending. */
	private wakeAt = 0;

	private readonly pacer = new RatePacer();

	/** The mean answer time of the fastest round so far, and of the current one. */
	private fastestRoundMs = Number.POSITIVE_INFINITY;

	private round = { totalMs: 0, answers: 0 };

	/** When the key last had nothing running or waiting. */
	private idleSince = Date.now();

	/** Waiting requests by execution, in the order the executions take turns. */
	private readonly queues = new Map<string, Waiter[]>();

	/** The Adaptive Concurrency option of the latest request: a user may switch it any time. */
	private adaptive = true;

	get idle(): boolean {
		return this.active === 0 && this.queues.size === 0;
	}

	/** The adaptive limit now (what tests and a debugger look at). */
	get currentLimit(): number {
		return this.limit;
	}

	/**
	 * Waits for a slot of the request's execution's turn; refused at once when its signal aborts.
	 * An item that had a slot and waits to try again (`again`) goes ahead of its execution's later
	 * items.
	 */
	async acquire(request: SlotRequest, again = false): Promise<Ticket> {
		const { execution, signal } = request;
		this.adaptive = request.adaptive;
		if (this.idle && Date.now() - this.idleSince > FORGET_AFTER_IDLE_MS) this.startOver();
		if (this.limit === Number.POSITIVE_INFINITY) {
			this.limit = Math.min(request.ceiling, INITIAL_LIMIT);
		}
		if (signal?.aborted) throw new Error('The execution was cancelled');
		return await new Promise<Ticket>((grant, refuse) => {
			const waiter: Waiter = { request, grant, refuse };
			const queue = this.queues.get(execution) ?? [];
			if (again) queue.unshift(waiter);
			else queue.push(waiter);
			this.queues.set(execution, queue);
			signal?.addEventListener('abort', () => this.leave(execution, waiter), { once: true });
			this.dispatch();
		});
	}

	/**
	 * The API pushed back (429, or 503 with Retry-After) on the request of `ticket`: fewer requests
	 * from now on, and none new until the wait it asked for has passed. The limit is cut once per
	 * push-back: the other requests sent with this one get their 429s for the same cause. It goes
	 * to one less than were running when this one started (a concurrency limit is then found at
	 * once), and down by one at least.
	 */
	congested(ticket: Ticket, retryAfterMs?: number): void {
		if (this.adaptive && ticket.started > this.cutAfter) {
			const cut = Math.min(ticket.activeAtStart - 1, this.limit - 1);
			if (!this.slowStart) this.probeRounds = Math.min(MAX_PROBE_ROUNDS, this.probeRounds * 2);
			this.limit = Math.max(1, cut);
			this.heldSinceGrowth = false;
			this.slowStart = false;
			this.cleanInRound = 0;
			this.cutAfter = this.pacer.startedCount;
		}
		if (retryAfterMs) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfterMs);
		this.dispatch();
	}

	private startOver(): void {
		this.limit = Number.POSITIVE_INFINITY;
		this.slowStart = true;
		this.cleanInRound = 0;
		this.probeRounds = PROBE_ROUNDS;
		this.fastestRoundMs = Number.POSITIVE_INFINITY;
	}

	/** What the answer to the request of `ticket` said of the API's limits. */
	observe(ticket: Ticket, reading: RateLimitReading, tokensUsed?: number): void {
		this.pacer.observe(reading, ticket.started, Date.now(), tokensUsed);
	}

	/**
	 * Ends a slot; a clean answer counts towards a larger limit, unless the round's answers came
	 * much slower than the fastest round's: more requests would only wait in the API's queue.
	 */
	release(ticket: Ticket, answered: boolean): void {
		const { ceiling, bytes } = ticket.request;
		this.active--;
		this.activeBytes -= bytes;
		if (answered) {
			this.round.totalMs += Date.now() - ticket.at;
			this.round.answers++;
		}
		if (
			this.adaptive &&
			answered &&
			++this.cleanInRound >= this.limit * (this.slowStart ? 1 : this.probeRounds)
		) {
			this.cleanInRound = 0;
			const roundMs = this.round.totalMs / this.round.answers;
			this.round = { totalMs: 0, answers: 0 };
			this.fastestRoundMs = Math.min(this.fastestRoundMs, roundMs);
			if (roundMs > QUEUEING * Math.max(this.fastestRoundMs, MIN_ROUND_MS)) {
				this.slowStart = false;
			} else {
				// The last probe went through: the next may come sooner again.
				if (this.heldSinceGrowth) {
					this.probeRounds = Math.max(PROBE_ROUNDS, this.probeRounds / 2);
				}
				this.heldSinceGrowth = !this.slowStart;
				this.limit = Math.min(ceiling, this.slowStart ? this.limit * 2 : this.limit + 1);
			}
		}
		if (this.idle) this.idleSince = Date.now();
		this.dispatch();
	}

	private leave(execution: string, waiter: Waiter): void {
		const queue = this.queues.get(execution);
		const at = queue?.indexOf(waiter) ?? -1;
		if (!queue || at < 0) return;
		queue.splice(at, 1);
		if (queue.length === 0) this.queues.delete(execution);
		waiter.refuse(new Error('The execution was cancelled'));
	}

	/** Calls `dispatch` again in `wait` ms, unless a wake-up already comes sooner. */
	private wakeIn(wait: number): void {
		const at = Date.now() + wait;
		if (this.wakeAt > Date.now() && this.wakeAt <= at) return;
		this.wakeAt = at;
		void sleep(wait).then(() => {
			if (this.wakeAt === at) this.wakeAt = 0;
			this.dispatch();
		});
	}

	private dispatch(): void {
		for (;;) {
			const next = this.queues.entries().next();
			if (next.done) return;
			const now = Date.now();
			const wait = Math.max(this.pausedUntil - now, this.pacer.waitMs(now));
			if (wait > 0) return this.wakeIn(wait);
			const [execution, queue] = next.value;
			const { request } = queue[0];
			const limit = this.adaptive ? Math.min(this.limit, request.ceiling) : request.ceiling;
			if (this.active >= limit) return;
			// One request may always run, however large its images.
			if (this.active > 0 && this.activeBytes + request.bytes > request.budget) return;
			const waiter = queue.shift()!;
			// The execution goes to the back of the line for its next turn.
			this.queues.delete(execution);
			if (queue.length > 0) this.queues.set(execution, queue);
			this.active++;
			this.activeBytes += request.bytes;
			const started = this.pacer.start(now);
			waiter.grant({ request, started, activeAtStart: this.active, at: now });
		}
	}
}

// One per API key and Base URL for the life of the process: what a limiter learned about its API
// outlasts the execution that taught it.
const limiters = new Map<string, KeyLimiter>();

/** What a request tells its key's limiter of each answer, and how it waits to try again. */
export interface SlotReports {
	/** The API pushed back (429, or 503 with Retry-After). */
	congested: (retryAfterMs?: number) => void;
	/** The rate-limit headers of an answer, and the tokens it took if it said. */
	observe: (reading: RateLimitReading, tokensUsed?: number) => void;
	/**
	 * Gives the slot back, waits `waitMs` and takes a slot again: an item waiting to retry must
	 * not keep a slot it would use to be refused again while the others still run.
	 */
	retryAfterWait: (waitMs: number) => Promise<void>;
}

/** Runs `task` in a slot of the limiter of `key` (API key and Base URL). */
export async function withKeySlot<T>(
	key: string,
	request: SlotRequest,
	task: (slot: SlotReports) => Promise<T>,
): Promise<T> {
	let found = limiters.get(key);
	if (!found) {
		found = new KeyLimiter();
		limiters.set(key, found);
	}
	const limiter = found;
	let ticket: Ticket | undefined = await limiter.acquire(request);
	let answered = false;
	try {
		const result = await task({
			congested: (retryAfterMs) => limiter.congested(ticket!, retryAfterMs),
			observe: (reading, tokensUsed) => limiter.observe(ticket!, reading, tokensUsed),
			retryAfterWait: async (waitMs) => {
				limiter.release(ticket!, false);
				ticket = undefined;
				await sleep(waitMs);
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
export function busyLimiters(): number {
	return [...limiters.values()].filter((limiter) => !limiter.idle).length;
}
