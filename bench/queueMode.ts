/**
 * P10: n8n in queue mode with 1, 2 and 3 workers sharing one API key, as self-hosted n8n scales
 * out: Redis, PostgreSQL, a main process taking the webhooks, workers running the executions.
 * 20 POSTs sent together, each execution reading 10 images and tagging them with Vision Chat at
 * default settings, against a provider that allows 8 requests at once, then against one that
 * states 600 requests a minute in OpenAI's headers. Each worker count starts new workers, so
 * each meets the key knowing nothing. Nothing passes between the workers but the provider's
 * answers. Then three new workers with Max Concurrent Requests set to the provider's 8 divided by
 * three, rounded up, as the README suggests where 429s are costly.
 */
import { N8nSandbox } from '../test/e2e/n8n';
import { queueModeServices, startWorker, startedBy, stopProcess } from '../test/scale/queueMode';
import type { QueueWorker } from '../test/scale/queueMode';
import { mostOpen, mostWithin } from '../test/support/arrivals';
import { serveWebhookWorkflows, webhookBatch } from './webhookBatch';
import type { WebhookCase } from './webhookBatch';

const EXECUTIONS = 20;
const ITEMS = 10;
const SERVER_LIMIT = 8;
const PER_MINUTE = 600;
/** Batches per worker count at the stated rate: 400 requests, 40 s at 600 a minute. */
const RATE_BATCHES = 2;
const WORKER_COUNTS = [1, 2, 3];
const CAPPED_WORKERS = 3;
/** Max Concurrent Requests on each of them: together one over the provider's limit. */
const CAPPED_CEILING = Math.ceil(SERVER_LIMIT / CAPPED_WORKERS);

interface Batch {
	workers: number;
	wallMs: number;
	requests: number;
	refused: number;
	mostOpen: number;
	arrivals: number[];
	ranBy: number[];
}

export async function queueModeRuns(run: WebhookCase): Promise<void> {
	const { version, server, latencyMs, repeats, log, progress } = run;
	const sandbox = new N8nSandbox(version);
	const { redis, postgres } = await queueModeServices(sandbox);
	let workers: QueueWorker[] = [];
	try {
		const [webhookUrl, cappedUrl] = await serveWebhookWorkflows(sandbox, server, ITEMS, [
			{ id: 'p10' },
			{ id: 'p10capped', options: { maxConcurrency: CAPPED_CEILING } },
		]);

		/** 20 executions at once; every item must be answered once. */
		const batch = async (count: number, label: string, url = webhookUrl): Promise<Batch> => {
			const startedBefore = workers.map(startedBy);
			progress(`p10 ${label}: ${EXECUTIONS} executions x ${ITEMS} items on ${count} workers`);
			const { wallMs, requests, refused } = await webhookBatch(
				server,
				url,
				EXECUTIONS,
				ITEMS,
				`p10 ${label}`,
			);
			progress(`p10 ${label}: ${wallMs} ms, ${refused} of ${requests.length} answered 429`);
			return {
				workers: count,
				wallMs,
				requests: requests.length,
				refused,
				mostOpen: mostOpen(requests),
				arrivals: requests.map((request) => request.receivedAt),
				ranBy: workers.map((worker, index) => startedBy(worker) - startedBefore[index]),
			};
		};

		/** New workers for each count, each batch run by them. */
		const withWorkers = async (
			run: (count: number) => Promise<Batch[]>,
			counts = WORKER_COUNTS,
		) => {
			const batches: Batch[] = [];
			for (const count of counts) {
				workers = await Promise.all(
					Array.from({ length: count }, (_, index) => startWorker(sandbox, `worker ${index + 1}`)),
				);
				batches.push(...(await run(count)));
				for (const worker of workers) await stopProcess(worker.process);
				workers = [];
			}
			return batches;
		};

		server.reset();
		server.latencyMs = latencyMs;
		server.concurrencyLimit = SERVER_LIMIT;
		const ideal = Math.ceil((EXECUTIONS * ITEMS) / SERVER_LIMIT) * latencyMs;
		const limited = await withWorkers(async (count) => {
			const batches: Batch[] = [];
			for (let run = 0; run < repeats; run++) {
				batches.push(await batch(count, `limit ${SERVER_LIMIT}, batch ${run + 1}`));
			}
			return batches;
		});
		const capped = await withWorkers(
			async (count) => {
				const batches: Batch[] = [];
				for (let run = 0; run < repeats; run++) {
					const label = `limit ${SERVER_LIMIT}, Max Concurrent Requests ${CAPPED_CEILING}, batch ${run + 1}`;
					batches.push(await batch(count, label, cappedUrl));
				}
				return batches;
			},
			[CAPPED_WORKERS],
		);

		// One stated minute for the whole section: the bucket is not refilled between worker counts.
		server.reset();
		server.latencyMs = latencyMs;
		server.limitRate(PER_MINUTE / 60, PER_MINUTE);
		const sectionStart = server.completions.length;
		const rated = await withWorkers(async (count) => {
			const batches: Batch[] = [];
			for (let run = 0; run < RATE_BATCHES; run++) {
				batches.push(await batch(count, `${PER_MINUTE} a minute, batch ${run + 1}`));
			}
			return batches;
		});
		const sectionArrivals = server.completions
			.slice(sectionStart)
			.map((request) => request.receivedAt);
		server.reset();

		const share = (run: Batch) => (100 * run.refused) / run.requests;
		const oneWorker = (batches: Batch[]) =>
			Math.max(...batches.filter((run) => run.workers === 1).map((run) => run.wallMs));
		log(
			`## P10: queue mode, ${EXECUTIONS} executions x ${ITEMS} images started together (webhook) on 1, 2 and 3 workers sharing one key, default settings`,
		);
		log();
		log(
			`Provider allowing ${SERVER_LIMIT} requests at once (429 with retry-after-ms 50 beyond), latency ${latencyMs} ms; ideal ceil(200 / ${SERVER_LIMIT}) x ${latencyMs} ms = ${ideal} ms. New workers for each count.`,
		);
		log();
		const limitedOne = oneWorker(limited);
		/** The rows of batches at the provider allowing SERVER_LIMIT at once. */
		const limitedTable = (batches: Batch[], oneWorkerColumn: string) => {
			log(
				`| workers | batch | first POST to last answer | / 1 worker (${oneWorkerColumn}) | requests | answered 429 | most open at once | executions per worker |`,
			);
			log('| --- | --- | --- | --- | --- | --- | --- | --- |');
			batches.forEach((run, index) =>
				log(
					`| ${run.workers} | ${(index % repeats) + 1} | ${run.wallMs} ms | ${(run.wallMs / limitedOne).toFixed(2)} | ${run.requests} | ${run.refused} (${share(run).toFixed(1)} %) | ${run.mostOpen} | ${run.ranBy.join(', ')} |`,
				),
			);
		};
		limitedTable(limited, 'slowest batch');
		log();
		log(
			`The same provider, ${CAPPED_WORKERS} new workers with Max Concurrent Requests ${CAPPED_CEILING} (${SERVER_LIMIT} / ${CAPPED_WORKERS}, rounded up; Adaptive Concurrency on):`,
		);
		log();
		limitedTable(capped, 'slowest batch, default settings');
		log();
		log(
			`Provider stating ${PER_MINUTE} requests a minute in OpenAI's x-ratelimit headers (a bucket of ${PER_MINUTE} refilled at ${PER_MINUTE / 60} a second, not refilled between worker counts), ${RATE_BATCHES} batches per worker count.`,
		);
		log();
		log(
			'| workers | batch | first POST to last answer | requests | answered 429 | most arrivals within any 1000 ms | executions per worker |',
		);
		log('| --- | --- | --- | --- | --- | --- | --- |');
		rated.forEach((run, index) =>
			log(
				`| ${run.workers} | ${(index % RATE_BATCHES) + 1} | ${run.wallMs} ms | ${run.requests} | ${run.refused} (${share(run).toFixed(1)} %) | ${mostWithin(run.arrivals, 1000)} | ${run.ranBy.join(', ')} |`,
			),
		);
		log();
		/** A worker count's slowest batch, its 429s over all its batches, and its worst batch's. */
		const summary = (count: number, batches: Batch[]) => {
			const runs = batches.filter((run) => run.workers === count);
			const sum = (value: (run: Batch) => number) =>
				runs.reduce((total, run) => total + value(run), 0);
			return {
				wall: Math.max(...runs.map((run) => run.wallMs)),
				share: (100 * sum((run) => run.refused)) / sum((run) => run.requests),
				worst: Math.max(...runs.map(share)),
			};
		};
		const cappedSummary = summary(CAPPED_WORKERS, capped);
		log(
			`Every item answered once in every batch. At ${SERVER_LIMIT} at once: ${[1, 2, 3]
				.map((count) => {
					const { wall, share: all, worst } = summary(count, limited);
					return `${count} worker${count > 1 ? 's' : ''} at most ${(wall / limitedOne).toFixed(2)} x the 1-worker time, 429s ${all.toFixed(1)} % of all ${count}-worker requests (worst batch ${worst.toFixed(1)} %)`;
				})
				.join(
					'; ',
				)} (targets, 2 and 3 workers: at most 1.00 x and 5 %). ${CAPPED_WORKERS} workers at Max Concurrent Requests ${CAPPED_CEILING}: at most ${(cappedSummary.wall / limitedOne).toFixed(2)} x, 429s ${cappedSummary.share.toFixed(1)} % (worst batch ${cappedSummary.worst.toFixed(1)} %). At ${PER_MINUTE} a minute: most arrivals within any 60 s of the section ${mostWithin(sectionArrivals, 60_000)} (target at most ${PER_MINUTE}).`,
		);
		log();
	} finally {
		for (const worker of workers) await stopProcess(worker.process);
		await sandbox.stop();
		sandbox.cleanUp();
		postgres.stop();
		await redis.stop();
	}
}
