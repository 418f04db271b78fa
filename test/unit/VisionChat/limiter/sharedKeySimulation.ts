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

/**
 * The time from a slot to the request's arrival at the API: n8n's own work on the item and the
 * HTTP connection, a few ms in a real n8n. In that gap a slot an answer freed is open to others.
 */
const SEND_MS = 5;

export interface SharedKeyRun {
	wallMs: number;
	requests: number;
	refused: number;
	failedItems: number;
	mostOpen: number;
	/** When each request reached the provider, in ms from the first. */
	arrivals: number[];
	answeredByProcess: number[];
}

const KEY = 'shared-key';
/** Max Retries 2: five times as many after push-backs, as the node does (pushBackRetries). */
const MAX_RETRIES = pushBackRetries(2);

/**
 * Runs `executions` executions of `items` items each, dealt to `processes` processes in turn
 * (as workers take jobs from the queue), each execution starting `startGapMs` after the
 * previous one on its process, its images ready within `itemJitterMs`, the processes' random
 * draws from `seed`; every item is one request through its process's limiter, retried
 * after a push-back as the node does.
 */
export async function runSharedKey(
	provider: SimulatedProvider,
	processes: number,
	executions: number,
	items: number,
	seed = 1,
	startGapMs = 20,
	itemJitterMs = 0,
): Promise<SharedKeyRun> {
	const clock = new FakeClock(seed);
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
				if (reading) slot.observe({ requests: reading });
				slot.congested(refusedFor);
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

	let remaining = executions * items;
	const runs: Array<Promise<void>> = [];
	for (let execution = 0; execution < executions; execution++) {
		const worker = execution % processes;
		const delay = Math.floor(execution / processes) * startGapMs;
		runs.push(
			(async () => {
				if (delay > 0) await clock.sleep(delay);
				await Promise.all(
					Array.from({ length: items }, async () => {
						const ready = Math.floor(clock.random() * itemJitterMs);
						if (ready > 0) await clock.sleep(ready);
						const request = {
							execution: `e${execution}`,
							ceiling: 50,
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
			})(),
		);
	}
	let wallMs = 0;
	while (remaining > 0) {
		clock.advance(1);
		for (let round = 0; round < 4; round++) await settle();
		wallMs = clock.now() - start;
		if (wallMs > 600_000) throw new Error('the simulated run did not end within 10 minutes');
	}
	await Promise.all(runs);
	return {
		wallMs,
		requests: arrivals.length,
		refused,
		failedItems,
		mostOpen,
		arrivals,
		answeredByProcess,
	};
}
