/**
 * Several n8n processes (queue-mode workers) sharing one API key, simulated on one clock the test
 * moves: each process has its own limiter registry, as a real worker has, and nothing passes
 * between them but the provider's answers. The provider allows `concurrency` requests at once
 * (429 with retry-after-ms beyond), as P8's and P10's test server does.
 */
import { LimiterRegistry } from '../../../../nodes/VisionChat/limiter/registry';
import type { SlotReports } from '../../../../nodes/VisionChat/limiter/registry';
import { FakeClock, settle } from './fakeClock';

export interface SimulatedProvider {
	/** Requests allowed at once; beyond, 429 with retry-after-ms `retryAfterMs`. */
	concurrency: number;
	latencyMs: number;
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
const MAX_RETRIES = 2;

/**
 * Runs `executions` executions of `items` items each, dealt to `processes` processes in turn
 * (as workers take jobs from the queue), each execution starting `startGapMs` after the
 * previous one on its process, the processes' random draws from `seed`; every item is one request through its process's limiter, retried
 * after a push-back as the node does.
 */
export async function runSharedKey(
	provider: SimulatedProvider,
	processes: number,
	executions: number,
	items: number,
	seed = 1,
	startGapMs = 20,
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
	/** A request reaches the provider: how long it asks to wait when it refuses. */
	const arrive = (): number | undefined => {
		arrivals.push(clock.now() - start);
		return open >= provider.concurrency ? (provider.retryAfterMs ?? 50) : undefined;
	};

	const sendItem = async (slot: SlotReports): Promise<void> => {
		for (let retries = 0; ; retries++) {
			await clock.sleep(SEND_MS);
			const refusedFor = arrive();
			if (refusedFor !== undefined) {
				refused++;
				slot.congested(refusedFor);
				// As the node does: the item's error, its slot released as not answered.
				if (retries >= MAX_RETRIES) throw new Error('429 after the last retry');
				await slot.retryAfterWait(refusedFor);
				continue;
			}
			open++;
			mostOpen = Math.max(mostOpen, open);
			await clock.sleep(provider.latencyMs);
			open--;
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
