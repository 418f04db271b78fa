import { sleep } from 'n8n-workflow';

import { whenAborted } from './abortWatch';
import { FairQueue } from './fairQueue';
import type { QueuedRequest } from './fairQueue';
import { onAnswer, onHeaderRoom, onRequest } from './policy';
import { cleanLevel, growthGapMs, initialPolicy } from './policyState';
import { PushBackRun, onCrowdedOut, onPushBack, onRoomAgain } from './pushBack';
import type { RateLimitReading } from './rateLimitHeaders';
import { RatePacer } from './ratePacer';

/** What one request asks of its key's limiter. */
export interface SlotRequest extends QueuedRequest {
	/** Max Concurrent Requests of the item that asks. */
	maxConcurrent: number;
	/**
	 * Automatic Max Concurrent Requests: up to this where the API states a per-second or per-minute
	 * request limit (starts keep to its rate; a day's quota says nothing of how many at once).
	 */
	maxConcurrentWithHeaders?: number;
	/** Adaptive Concurrency of the item that asks. */
	adaptive: boolean;
	signal?: AbortSignal;
}

/** A granted slot: its request, which start it was, when, and how many ran with it then. */
export interface Ticket {
	request: SlotRequest;
	/** Which start it was: the limiter numbers its starts (`at` is the time). */
	startNumber: number;
	activeAtStart: number;
	at: number;
}

/** The time, and a wait: the limiter's only link to the world's clock (tests give their own). */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
	/** A draw from 0 to 1 that spreads probes: processes sharing a key must not probe together. */
	random(): number;
}

export const realClock: Clock = { now: () => Date.now(), sleep, random: Math.random };

/**
 * The requests of one API key and Base URL in this n8n process, shared by every execution and
 * node that uses them: at most the policy's limit run at once (policy.ts; always Max Concurrent
 * Requests where Adaptive Concurrency is off), never more than the asking item's Max Concurrent Requests, taking
 * turns between executions within the image budget (fairQueue.ts), after Retry-After pauses and
 * the pacing of rate-limit headers (ratePacer.ts); crowded out by other processes (pushBack.ts),
 * one request at a time, each item in turn.
 */
export class KeyLimiter {
	private policy = initialPolicy();

	private readonly queue = new FairQueue<SlotRequest>();

	private readonly pacer = new RatePacer();

	private readonly pushBacks = new PushBackRun();

	/** When the latest request beyond what ran cleanly started. */
	private lastGrowthAt = Number.NEGATIVE_INFINITY;

	/** When the pending wake-up fires (0: none pending). */
	private wakeAt = 0;

	/** When the key last had nothing running or waiting. */
	idleSince: number;

	constructor(private readonly clock: Clock = realClock) {
		this.idleSince = clock.now();
	}

	get idle(): boolean {
		return this.queue.idle;
	}

	/** How many requests wait for a slot now. */
	get waiting(): number {
		return this.queue.waiting;
	}

	/** The adaptive limit now (what tests and a debugger look at). */
	get currentLimit(): number {
		return this.policy.limit;
	}

	/**
	 * Waits for a slot in its execution's turn; refused at once when its signal aborts. An item
	 * that had a slot and waits to try again (`again`) goes ahead of its execution's later items.
	 */
	async acquire(request: SlotRequest, again = false): Promise<Ticket> {
		// Crowded out, the one request that goes finds out for all: each in turn, not one again.
		const first = again && !this.pushBacks.crowdedOut;
		const now = this.clock.now();
		this.policy = onRequest(
			this.policy,
			request.maxConcurrent,
			this.idle ? now - this.idleSince : 0,
		);
		if (request.signal?.aborted) throw new Error('The execution was cancelled');
		return await new Promise<Ticket>((grant, refuse) => {
			const forget = whenAborted(request.signal, () => {
				if (!this.queue.remove(request)) return;
				refuse(new Error('The execution was cancelled'));
				// What it left may let the next request in (the image budget), or leave the key idle.
				if (this.idle) this.idleSince = this.clock.now();
				this.dispatch();
			});
			this.queue.enqueue(
				request,
				() => {
					forget();
					const at = this.clock.now();
					const started = this.pacer.start(at);
					grant({ request, startNumber: started, activeAtStart: this.queue.active, at });
				},
				first,
			);
			this.dispatch();
		});
	}

	/** The API pushed back (429, or 503 with Retry-After) on the request of `ticket`. */
	answered429(ticket: Ticket, retryAfterMs?: number): void {
		const now = this.clock.now();
		const pauseMs = this.pushBacks.pushedBack(ticket.at, now, retryAfterMs, this.clock.random());
		if (ticket.request.adaptive) {
			const push = { ...ticket, starts: this.pacer.startedCount, pushBackMs: now - ticket.at };
			this.policy = onPushBack(this.policy, push, this.clock.random());
			if (this.pushBacks.crowdedOut) this.policy = onCrowdedOut(this.policy);
		}
		if (pauseMs > 0) this.pacer.pause(now + pauseMs);
		this.dispatch();
	}

	/** What the answer to the request of `ticket` said of the API's limits. */
	observe(ticket: Ticket, reading: RateLimitReading, tokensUsed?: number): void {
		const now = this.clock.now();
		this.pacer.observe(reading, ticket.startNumber, now, tokensUsed);
		const maxConcurrent = this.pacer.maxConcurrentOf(ticket.request);
		const room = this.pacer.room(now);
		if (ticket.request.adaptive) this.policy = onHeaderRoom(this.policy, room, maxConcurrent);
		this.dispatch();
	}

	/** Ends a slot; a clean answer counts towards a larger limit. */
	release(ticket: Ticket, answered: boolean): void {
		const now = this.clock.now();
		this.queue.finish(ticket.request);
		const wasCrowdedOut = answered && this.pushBacks.answered();
		if (answered && ticket.request.adaptive) {
			if (wasCrowdedOut) this.policy = onRoomAgain(this.policy);
			const answer = { answerMs: now - ticket.at, activeAtStart: ticket.activeAtStart };
			const maxConcurrent = this.pacer.maxConcurrentOf(ticket.request);
			this.policy = onAnswer(this.policy, answer, maxConcurrent, this.clock.random());
		}
		if (this.idle) this.idleSince = now;
		this.dispatch();
	}

	/** Calls `dispatch` again in `wait` ms, unless a wake-up already comes sooner. */
	private wakeIn(wait: number, now: number): void {
		const at = now + wait;
		if (this.wakeAt > now && this.wakeAt <= at) return;
		this.wakeAt = at;
		void this.clock.sleep(wait).then(() => {
			if (this.wakeAt === at) this.wakeAt = 0;
			this.dispatch();
		});
	}

	/** The wait of a request beyond the most that ran cleanly (see growthGapMs); else undefined. */
	private growthWaitMs(request: SlotRequest, now: number): number | undefined {
		const beyond = this.queue.active >= cleanLevel(this.policy);
		if (!request.adaptive || !beyond) return undefined;
		return Math.max(0, Math.ceil(this.lastGrowthAt + growthGapMs(this.policy) - now));
	}

	private dispatch(): void {
		for (let request = this.queue.next(); request; request = this.queue.next()) {
			const now = this.clock.now();
			const wait = this.pacer.waitMs(now);
			if (wait > 0) return this.wakeIn(wait, now);
			const maxConcurrent = this.pacer.maxConcurrentOf(request);
			const limit = request.adaptive ? Math.min(this.policy.limit, maxConcurrent) : maxConcurrent;
			if (!this.queue.fits(request, limit)) return;
			const spread = this.growthWaitMs(request, now);
			if (spread) return this.wakeIn(spread, now);
			if (spread === 0) this.lastGrowthAt = now;
			this.queue.startNext();
		}
	}
}
