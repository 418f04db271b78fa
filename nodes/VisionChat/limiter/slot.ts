import { sleep } from 'n8n-workflow';

import type { QueuedRequest } from './fairQueue';

/** What one request asks of its key's limiter. */
export interface SlotRequest extends QueuedRequest {
	/** Max Concurrent Requests of the item that asks. */
	ceiling: number;
	/**
	 * Automatic Max Concurrent Requests: up to this where the API states a per-second or per-minute
	 * request limit (starts keep to its rate; a day's quota says nothing of how many at once).
	 */
	ceilingWithHeaders?: number;
	/** Adaptive Concurrency of the item that asks. */
	adaptive: boolean;
	signal?: AbortSignal;
}

/** A granted slot: its request, which start it was, when, and how many ran with it then. */
export interface Ticket {
	request: SlotRequest;
	started: number;
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
