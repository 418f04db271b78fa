/**
 * Several n8n processes (queue-mode workers) sharing one API key, simulated on one clock the test
 * moves: each process has its own limiter registry, as a real worker has, and nothing passes
 * between them but the provider's answers. The provider allows `concurrency` requests at once
 * (429 with retry-after-ms beyond), or states a rate in OpenAI's x-ratelimit headers, as P10's
 * test server does.
 */
import { pushBackRetries } from '../../../../nodes/core/errors/retry';
import { LimiterRegistry } from '../../../../nodes/VisionChat/limiter/registry';
import type { SlotReports } from '../../../../nodes/VisionChat/limiter/registry';
import type { RateLimitWindow } from '../../../../nodes/VisionChat/limiter/rateLimitHeaders';
import { maxConcurrentFor } from '../../../../nodes/VisionChat/send/maxConcurrent';
import { FakeClock, settle } from './fakeClock';

export interface SimulatedProvider {
	/** Requests allowed at once; beyond, 429 with retry-after-ms `retryAfterMs`. */
	concurrency?: number;
	/**
	 * A bucket of this many requests refilled evenly over a minute, stated on every answer as
	 * OpenAI does; empty, 429 with retry-after-ms for the next request.
	 */
	perMinute?: number;
	latencyMs: number;
	/** Answers take up to this much longer, at random: they come back in another order. */
	latencyJitterMs?: number;
	retryAfterMs?: number;
}

/** What the processes run: P10's load is 20 executions of 10 items, three times. */
export interface SharedKeyLoad {
	processes: number;
	executions: number;
	items: number;
	/** The processes' random draws (probes, timings, pauses) come from this seed. */
	seed: number;
	/** An execution starts this long after the previous one on its process. */
	startGapMs: number;
	/**
	 * Each process starts its first execution this long after the previous process: workers take
	 * the queued jobs one after another (in a real n8n P10's first requests of each worker came up
	 * to 400 ms apart), so the first holds the key when the others come.
	 */
	workerGapMs: number;
	/** Its images are ready within this long. */
	itemJitterMs: number;
	/** Max Concurrent Requests of every item (Adaptive Concurrency on): automatic unless set. */
	maxConcurrent?: number;
	/** Batches of `executions`, the same processes, this long apart (their limiters remember). */
	batches?: number;
	batchGapMs?: number;
}

/**
 * The time from a slot to the request's arrival at the API: n8n's own work on the item and the
 * HTTP connection. In that gap a slot an answer freed is open to others.
 */
const SEND_MS = 10;

/**
 * From a 429 leaving the API to the limiter hearing of it: n8n's request and error handling
 * (about 15 ms measured in a real n8n 1.x worker: the test server's time of a refusal against the
 * limiter's). Requests granted meanwhile go out into the same crowd.
 */
const REFUSAL_MS = 15;

export interface SharedKeyRun {
	wallMs: number;
	requests: number;
	refused: number;
	failedItems: number;
	mostOpen: number;
	/** When each request reached the provider, in ms from the first. */
	arrivals: number[];
	answeredByProcess: number[];
	/** Each batch's time from its first request to its last answer, requests and refusals. */
	batches: Array<{ wallMs: number; requests: number; refused: number }>;
}

const KEY = 'shared-key';
/** Max Retries 2: five times as many after push-backs, as the node does (pushBackRetries). */
const MAX_RETRIES = pushBackRetries(2);

/**
 * Runs the load's batches: `executions` executions of `items` items each, dealt to the processes
 * in turn (as workers take jobs from the queue); every item is one request through its process's
 * limiter, retried after a push-back as the node does.
 */
export async function runSharedKey(
	provider: SimulatedProvider,
	load: SharedKeyLoad,
): Promise<SharedKeyRun> {
	const { processes, executions, items, startGapMs, workerGapMs, itemJitterMs } = load;
	const clock = new FakeClock(load.seed);
	const start = clock.now();
	const registries = Array.from({ length: processes }, () => new LimiterRegistry(clock));
	let open = 0;
	let mostOpen = 0;
	let refused = 0;
	let failedItems = 0;
	const arrivals: number[] = [];
	const answeredByProcess = registries.map(() => 0);
	let bucket = { level: provider.perMinute ?? 0, at: start };
	/** What a request's rate-limit headers would say, and whether the bucket had one for it. */
	const takeFromBucket = (perMinute: number) => {
		const now = clock.now();
		const perMs = perMinute / 60_000;
		const level = Math.min(perMinute, bucket.level + (now - bucket.at) * perMs);
		const taken = level >= 1;
		bucket = { level: taken ? level - 1 : level, at: now };
		const reading = {
			limit: perMinute,
			remaining: Math.floor(bucket.level),
			resetMs: Math.ceil((perMinute - bucket.level) / perMs),
		};
		return { taken, reading, waitMs: Math.ceil((1 - bucket.level) / perMs) };
	};

	/** A request reaches the provider: how long it asks to wait if it refuses, what it states. */
	const arrive = (): { refusedFor?: number; reading?: RateLimitWindow } => {
		arrivals.push(clock.now() - start);
		if (provider.concurrency !== undefined && open >= provider.concurrency) {
			return { refusedFor: provider.retryAfterMs ?? 50 };
		}
		if (provider.perMinute === undefined) return {};
		const { taken, reading, waitMs } = takeFromBucket(provider.perMinute);
		return taken ? { reading } : { reading, refusedFor: waitMs };
	};

	const sendItem = async (slot: SlotReports): Promise<void> => {
		for (let retries = 0; ; retries++) {
			await clock.sleep(SEND_MS);
			const { refusedFor, reading } = arrive();
			if (refusedFor !== undefined) {
				refused++;
				await clock.sleep(REFUSAL_MS);
				if (reading) slot.observe({ requests: reading });
				slot.answered429(refusedFor);
				// As the node does: the item's error, its slot released as not answered.
				if (retries >= MAX_RETRIES) throw new Error('429 after the last retry');
				await slot.retryAfterWait(refusedFor);
				continue;
			}
			open++;
			mostOpen = Math.max(mostOpen, open);
			const jitter = Math.floor(clock.random() * (provider.latencyJitterMs ?? 0));
			await clock.sleep(provider.latencyMs + jitter);
			open--;
			if (reading) slot.observe({ requests: reading });
			return;
		}
	};

	/** Moves the clock on by 1 ms steps until `done`, letting every woken promise settle. */
	const runUntil = async (done: () => boolean, withinMs: number) => {
		const from = clock.now();
		while (!done()) {
			clock.advance(1);
			for (let round = 0; round < 4; round++) await settle();
			if (clock.now() - from > withinMs) throw new Error('the simulated run did not end');
		}
	};

	/** One batch: each execution starting `startGapMs` after the previous one on its process. */
	const runBatch = async () => {
		let remaining = executions * items;
		const runs = Array.from({ length: executions }, async (_, execution) => {
			const worker = execution % processes;
			const delay = Math.floor(execution / processes) * startGapMs + worker * workerGapMs;
			if (delay > 0) await clock.sleep(delay);
			await Promise.all(
				Array.from({ length: items }, async () => {
					const ready = Math.floor(clock.random() * itemJitterMs);
					if (ready > 0) await clock.sleep(ready);
					const request = {
						execution: `e${execution}`,
						...maxConcurrentFor(load.maxConcurrent ?? 0, true),
						adaptive: true,
						bytes: 0,
						budget: Number.POSITIVE_INFINITY,
					};
					await registries[worker].withKeySlot(KEY, request, sendItem).then(
						() => answeredByProcess[worker]++,
						() => failedItems++,
					);
					remaining--;
				}),
			);
		});
		await runUntil(() => remaining === 0, 600_000);
		await Promise.all(runs);
	};

	const batches: SharedKeyRun['batches'] = [];
	for (let batch = 0; batch < (load.batches ?? 1); batch++) {
		if (batch > 0) {
			const resumeAt = clock.now() + (load.batchGapMs ?? 0);
			await runUntil(() => clock.now() >= resumeAt, Number.POSITIVE_INFINITY);
		}
		const before = { at: clock.now(), requests: arrivals.length, refused };
		await runBatch();
		batches.push({
			wallMs: clock.now() - before.at,
			requests: arrivals.length - before.requests,
			refused: refused - before.refused,
		});
	}
	return {
		wallMs: batches.reduce((sum, batch) => sum + batch.wallMs, 0),
		requests: arrivals.length,
		refused,
		failedItems,
		mostOpen,
		arrivals,
		answeredByProcess,
		batches,
	};
}
