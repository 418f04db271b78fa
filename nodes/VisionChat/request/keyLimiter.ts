import { sleep } from 'n8n-workflow';

/**
 * Once the API has pushed back, the limit grows by one only after this many full rounds of clean
 * answers: probing above a provider's limit costs a 429 each time.
 */
const PROBE_ROUNDS = 4;

/** Where an adaptive limit starts: few enough for a free tier or a local server. */
const INITIAL_LIMIT = 4;

interface Waiter {
	ceiling: number;
	/** The bytes of the binary images the request will hold in memory, and their ceiling. */
	bytes: number;
	budget: number;
	grant: () => void;
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
 * answers until the API first pushes back, then grows by one every few rounds; a rate limit
 * halves it at once, and a Retry-After pauses every new request on the key until it has passed.
 */
export class KeyLimiter {
	private active = 0;

	private activeBytes = 0;

	private limit: number;

	private cleanInRound = 0;

	private slowStart = true;

	private pausedUntil = 0;

	private pauseTimer = false;

	/** Waiting requests by execution, in the order the executions take turns. */
	private readonly queues = new Map<string, Waiter[]>();

	/** The Adaptive Concurrency option of the latest request: a user may switch it any time. */
	private adaptive = true;

	constructor() {
		this.limit = Number.POSITIVE_INFINITY;
	}

	get idle(): boolean {
		return this.active === 0 && this.queues.size === 0;
	}

	/** Waits for a slot of `execution`'s turn; refused at once when `signal` aborts. */
	async acquire(
		execution: string,
		ceiling: number,
		adaptive: boolean,
		signal?: AbortSignal,
		memory: { bytes: number; budget: number } = { bytes: 0, budget: Number.POSITIVE_INFINITY },
	): Promise<void> {
		this.adaptive = adaptive;
		if (this.limit === Number.POSITIVE_INFINITY) this.limit = Math.min(ceiling, INITIAL_LIMIT);
		if (signal?.aborted) throw new Error('The execution was cancelled');
		await new Promise<void>((grant, refuse) => {
			const waiter: Waiter = { ceiling, grant, refuse, ...memory };
			const queue = this.queues.get(execution) ?? [];
			queue.push(waiter);
			this.queues.set(execution, queue);
			signal?.addEventListener('abort', () => this.leave(execution, waiter), { once: true });
			this.dispatch();
		});
	}

	/**
	 * The API pushed back (429, or 503 with Retry-After): fewer requests from now on, and none new
	 * until the wait it asked for has passed.
	 */
	congested(retryAfterMs?: number): void {
		if (this.adaptive) {
			this.limit = Math.max(1, Math.floor(Math.min(this.limit, this.active) / 2));
			this.slowStart = false;
			this.cleanInRound = 0;
		}
		if (retryAfterMs) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfterMs);
	}

	/** Ends a slot; a clean answer counts towards a larger limit. */
	release(ceiling: number, answered: boolean, bytes = 0): void {
		this.active--;
		this.activeBytes -= bytes;
		if (
			this.adaptive &&
			answered &&
			++this.cleanInRound >= this.limit * (this.slowStart ? 1 : PROBE_ROUNDS)
		) {
			this.cleanInRound = 0;
			this.limit = Math.min(ceiling, this.slowStart ? this.limit * 2 : this.limit + 1);
		}
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

	private dispatch(): void {
		const wait = this.pausedUntil - Date.now();
		if (wait > 0) {
			if (!this.pauseTimer) {
				this.pauseTimer = true;
				void sleep(wait).then(() => {
					this.pauseTimer = false;
					this.dispatch();
				});
			}
			return;
		}
		for (;;) {
			const next = this.queues.entries().next();
			if (next.done) return;
			const [execution, queue] = next.value;
			const waiter = queue[0];
			const limit = this.adaptive ? Math.min(this.limit, waiter.ceiling) : waiter.ceiling;
			if (this.active >= limit) return;
			// One request may always run, however large its images.
			if (this.active > 0 && this.activeBytes + waiter.bytes > waiter.budget) return;
			queue.shift();
			// The execution goes to the back of the line for its next turn.
			this.queues.delete(execution);
			if (queue.length > 0) this.queues.set(execution, queue);
			this.active++;
			this.activeBytes += waiter.bytes;
			waiter.grant();
		}
	}
}

// One per API key and Base URL for the life of the process: what a limiter learned about its API
// outlasts the execution that taught it.
const limiters = new Map<string, KeyLimiter>();

/**
 * Runs `task` in a slot of the limiter of `key` (API key and Base URL); the task calls
 * `congested` when the API pushes back.
 */
export async function withKeySlot<T>(
	key: string,
	slot: {
		execution: string;
		ceiling: number;
		adaptive: boolean;
		signal?: AbortSignal;
		/** The bytes of the item's binary images, and the most all slots may hold. */
		bytes: number;
		budget: number;
	},
	task: (congested: (retryAfterMs?: number) => void) => Promise<T>,
): Promise<T> {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new KeyLimiter();
		limiters.set(key, limiter);
	}
	await limiter.acquire(slot.execution, slot.ceiling, slot.adaptive, slot.signal, {
		bytes: slot.bytes,
		budget: slot.budget,
	});
	let answered = false;
	try {
		const result = await task((retryAfterMs) => limiter!.congested(retryAfterMs));
		answered = true;
		return result;
	} finally {
		limiter.release(slot.ceiling, answered, slot.bytes);
	}
}

/** How many limiters hold or await a slot now: 0 once every run is over (tests check no leak). */
export function busyLimiters(): number {
	return [...limiters.values()].filter((limiter) => !limiter.idle).length;
}
