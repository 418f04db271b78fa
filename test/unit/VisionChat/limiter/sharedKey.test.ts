/**
 * Queue-mode workers sharing one API key, each with its own limiter, simulated on one clock
 * (sharedKeySimulation.ts): P10's load, three batches of 20 executions of 10 images on the same
 * workers, at a provider allowing 8 requests at once answered in 200 to 240 ms, and at one stating
 * 600 requests a minute. Executions reach each worker 50 ms apart, the workers 300 ms apart, and
 * their images are ready within 200 ms, as in a real n8n.
 */
import { mostWithin } from '../../../support/arrivals';
import { runSharedKey } from './sharedKeySimulation';

const EIGHT_AT_ONCE = { concurrency: 8, latencyMs: 200, latencyJitterMs: 40 };
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const P10 = { executions: 20, items: 10, startGapMs: 50, workerGapMs: 300, itemJitterMs: 200 };

jest.setTimeout(120_000);

/** P10's three batches on `processes` workers, over the seeds, at Max Concurrent Requests `maxConcurrent`. */
async function overSeeds(processes: number, maxConcurrent?: number) {
	const runs = [];
	for (const seed of SEEDS) {
		const load = { ...P10, processes, seed, batches: 3, batchGapMs: 3000, maxConcurrent };
		runs.push(await runSharedKey(EIGHT_AT_ONCE, load));
	}
	const batches = runs.flatMap((run) => run.batches);
	const requests = runs.reduce((sum, run) => sum + run.requests, 0);
	return {
		runs,
		meanBatchMs: batches.reduce((sum, batch) => sum + batch.wallMs, 0) / batches.length,
		refusedShare: runs.reduce((sum, run) => sum + run.refused, 0) / requests,
		failedItems: runs.reduce((sum, run) => sum + run.failedItems, 0),
	};
}

test('one worker: every image answered, the limit of 8 found with a few 429s', async () => {
	const one = await overSeeds(1);
	expect(one.failedItems).toBe(0);
	for (const run of one.runs) expect(run.mostOpen).toBe(8);
	expect(one.meanBatchMs).toBeLessThanOrEqual(1.25 * 25 * 200);
	expect(one.refusedShare).toBeLessThanOrEqual(0.03);
});

test.each([
	[2, 0.045],
	[3, 0.075],
])(
	'%i workers sharing the key find its limit together: every image answered, within 30 % of one worker’s time, 429s at most %f of requests',
	async (workers, mostRefused) => {
		const one = await overSeeds(1);
		const many = await overSeeds(workers);
		console.log(
			`[shared key] ${workers} workers: mean batch ${Math.round(many.meanBatchMs)} ms (1 worker: ${Math.round(one.meanBatchMs)} ms), ${(100 * many.refusedShare).toFixed(1)} % refused`,
		);
		expect(many.failedItems).toBe(0);
		for (const run of many.runs) {
			expect(run.answeredByProcess.reduce((sum, count) => sum + count, 0)).toBe(3 * 200);
		}
		expect(many.meanBatchMs).toBeLessThanOrEqual(1.3 * one.meanBatchMs);
		expect(many.refusedShare).toBeLessThanOrEqual(mostRefused);
	},
);

test.each([1, 3])(
	'%i workers at a provider stating 600 requests a minute: together they keep to it, 800 requests in about 80 s, at most 1 % over 600 in any minute, none refused',
	async (processes) => {
		const run = await runSharedKey(
			{ perMinute: 600, latencyMs: 200 },
			{ ...P10, executions: 80, processes, seed: 1 },
		);
		console.log(
			`[shared key] ${processes} workers at 600 a minute: ${run.wallMs} ms, most in a minute ${mostWithin(run.arrivals, 60_000)}`,
		);
		expect(run.failedItems).toBe(0);
		expect(run.refused).toBe(0);
		// The first second's answers go out before any worker can tell: 1 % over at most.
		expect(mostWithin(run.arrivals, 60_000)).toBeLessThanOrEqual(606);
		expect(run.wallMs).toBeLessThanOrEqual(1.15 * 80_000);
	},
);

test('three workers each set to 3 at once (8 divided by 3, rounded up): they exceed 8 by one, and the adaptive limit takes it back with few 429s', async () => {
	const one = await overSeeds(1);
	const three = await overSeeds(3, 3);
	console.log(
		`[shared key] 3 workers at Max Concurrent Requests 3: mean batch ${Math.round(three.meanBatchMs)} ms (1 worker: ${Math.round(one.meanBatchMs)} ms), ${(100 * three.refusedShare).toFixed(1)} % refused`,
	);
	expect(three.failedItems).toBe(0);
	expect(three.refusedShare).toBeLessThanOrEqual(0.03);
	expect(three.meanBatchMs).toBeLessThanOrEqual(1.25 * one.meanBatchMs);
});
