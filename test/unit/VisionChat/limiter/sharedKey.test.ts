/**
 * Queue-mode workers sharing one API key, each with its own limiter, simulated on one clock
 * (sharedKeySimulation.ts): P8's load, 20 executions of 10 images at a provider allowing 8
 * requests at once, answered in 200 ms.
 */
import { runSharedKey } from './sharedKeySimulation';

const PROVIDER = { concurrency: 8, latencyMs: 200 };

jest.setTimeout(60_000);

test('one process: every image answered, in about the ideal time (25 rounds), few push-backs', async () => {
	const one = await runSharedKey(PROVIDER, 1, 20, 10);
	expect(one.failedItems).toBe(0);
	expect(one.answeredByProcess).toEqual([200]);
	expect(one.wallMs).toBeLessThanOrEqual(1.1 * 25 * 200 + 400);
	expect(one.refused / one.requests).toBeLessThanOrEqual(0.05);
	expect(one.mostOpen).toBe(8);
});

const SEEDS = [1, 2, 3, 4, 5];

/** The runs of `workers` workers over the seeds (the random draws that spread their probes). */
async function overSeeds(workers: number) {
	const runs = [];
	for (const seed of SEEDS) runs.push(await runSharedKey(PROVIDER, workers, 20, 10, seed));
	return runs;
}

test.each([
	[2, 1.25],
	[3, 1.7],
])(
	'%i workers crowding one key: the ones crowded out wait with one request at a time; every run ends within %f x one worker alone, and items refused three times are rare',
	async (workers, slowest) => {
		const one = await runSharedKey(PROVIDER, 1, 20, 10);
		const runs = await overSeeds(workers);
		for (const run of runs) {
			console.log(
				`[shared key] ${workers} workers: ${run.wallMs} ms (1 worker: ${one.wallMs} ms), ${run.refused} of ${run.requests} refused, ${run.failedItems} items failed`,
			);
			expect(run.answeredByProcess.reduce((sum, count) => sum + count, 0) + run.failedItems).toBe(
				200,
			);
			expect(run.wallMs).toBeLessThanOrEqual(slowest * one.wallMs);
		}
		// Before the workers backed off together: 10 and 14 of 200 in every run.
		const failed = runs.reduce((sum, run) => sum + run.failedItems, 0);
		expect(failed).toBeLessThanOrEqual(10);
	},
);
