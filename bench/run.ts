/**
 * `npm run bench`: the same chat-completions call made by several workflows in one real n8n 1.x
 * against one local OpenAI-compatible server with a set latency (bench/workflows.ts): (a) Vision
 * Chat, (b) n8n's HTTP Request node (the engine's floor for one request per item; (b') with the
 * key in a credential), (c) n8n's OpenAI node, Image > Analyze Image. Times are the node's own execution time from n8n's run data (n8n's start-up is
 * not counted); each workflow runs several times, alternating, and the medians are compared.
 * Memory is the n8n process's peak RSS above a one-item run of the same workflow.
 * Writes bench/RESULTS.md.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { N8N_VERSIONS, N8nSandbox, ROOT, ensureN8nInstalled } from '../test/e2e/n8n';
import { OpenAiTestServer } from '../test/server/openAiServer';
import { AUTOMATIC_MAX_CONCURRENT, REQUEST_OPTION_DEFAULTS } from '../nodes/core/item/settings';
import {
	LABEL,
	NODE_NAME,
	TIMING_CASES,
	importCredentials,
	makeImages,
	workflowFor,
} from './workflows';
import type { Variant } from './workflows';
import { batchSubmitAtScale } from './batchSubmit';
import { manyExecutions } from './executions';
import { mostWithin } from '../test/support/arrivals';
import { queueModeRuns } from './queueMode';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
/** BENCH_CASES=p1,p3 runs only those cases. */
const cases = new Set((process.env.BENCH_CASES ?? 'p1,p2,p4,p6,p7,p8,p10,p3,p5,p9').split(','));
const version = N8N_VERSIONS[0];
const median = (values: number[]) =>
	[...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/** The most arrivals in one of the seconds counted from the first arrival. */
function mostPerSecond(arrivals: number[]): number {
	const first = Math.min(...arrivals);
	const perSecond = new Map<number, number>();
	for (const at of arrivals)
		perSecond.set(
			Math.floor((at - first) / 1000),
			(perSecond.get(Math.floor((at - first) / 1000)) ?? 0) + 1,
		);
	return Math.max(...perSecond.values());
}

interface Measured {
	ms: number;
	peakRssMb: number;
	items: number;
}

/** A line on the terminal as a run starts and ends (not in the results). */
function progress(line: string): void {
	console.log(`  [${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function measure(
	sandbox: N8nSandbox,
	workflowId: string,
	nodeName: string,
): Promise<Measured> {
	progress(`${workflowId}: running`);
	const result = await sandbox.executeMeasured(workflowId);
	if (result.error) throw new Error(`${workflowId} failed: ${result.error.message}`);
	const task = result.runData[nodeName][0];
	progress(`${workflowId}: ${task.data.main[0].length} items in ${task.executionTime} ms`);
	return { ms: task.executionTime, peakRssMb: result.peakRssMb, items: task.data.main[0].length };
}

/** Of the completion requests the server received: how many, how many got 429, their arrivals. */
function requestCounts(server: OpenAiTestServer) {
	const requests = server.completions;
	const refused = requests.filter((request) => request.reply === 'rate limited').length;
	return {
		requests: requests.length,
		refused,
		share: (100 * refused) / Math.max(1, requests.length),
		answered: requests.filter((request) => request.reply === 'ok').length,
		arrivals: requests.map((request) => request.receivedAt),
	};
}

async function main(): Promise<void> {
	ensureN8nInstalled(version);
	const server = await new OpenAiTestServer().start();
	const lines: string[] = [];
	const log = (line = '') => {
		console.log(line);
		lines.push(line);
	};
	const sandbox = new N8nSandbox(version);
	const fsSandbox = new N8nSandbox(version);
	try {
		for (const box of [sandbox, fsSandbox]) await importCredentials(box, server);
		const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
		log(`# Benchmark results`);
		log();
		log(
			`Machine: ${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB. n8n ${require(path.join(version.folder, 'node_modules', 'n8n', 'package.json')).version}, Node ${process.version}. Made by \`npm run bench\` (${REPEATS} runs each, alternating; medians).`,
		);
		log();

		const compare = async (title: keyof typeof TIMING_CASES, variants: Variant[]) => {
			const { count, bytes, latencyMs } = TIMING_CASES[title];
			const folder = makeImages(sandbox, `in-${count}-${bytes}`, count, bytes);
			for (const variant of variants)
				await sandbox.importWorkflow(
					workflowFor(variant, `${title}-${variant}`, folder, server.url, server.apiKey),
				);
			server.latencyMs = latencyMs;
			const times: Record<string, number[]> = {};
			for (let run = 0; run < REPEATS; run++) {
				for (const variant of variants) {
					const measured = await measure(sandbox, `${title}-${variant}`, NODE_NAME[variant]);
					if (measured.items !== count)
						throw new Error(`${title}-${variant} gave ${measured.items} items`);
					(times[variant] ??= []).push(measured.ms);
				}
			}
			return Object.fromEntries(
				variants.map((variant) => [variant, median(times[variant])]),
			) as Record<Variant, number>;
		};

		// Max Concurrent Requests at its default (automatic): the Max Concurrent Requests without rate-limit headers.
		const cap = AUTOMATIC_MAX_CONCURRENT.unstated;
		const table = (results: Record<string, number>, variants: Variant[]) => {
			log('| workflow | median wall time of the node | ratio to (a) |');
			log('| --- | --- | --- |');
			for (const variant of variants)
				log(
					`| ${LABEL[variant]} | ${results[variant]} ms | ${(results[variant] / results.a).toFixed(2)} |`,
				);
			log();
		};
		/** P1's (b'), the floor P1 with rate-limit headers is held to. */
		let p1FloorMs = Number.NaN;
		if (cases.has('p1')) {
			const variants: Variant[] = ['a', 'aCap10', 'b', 'bAuth', 'c'];
			const p1 = await compare('p1', variants);
			p1FloorMs = p1.bAuth;
			const { count, latencyMs } = TIMING_CASES.p1;
			const idealFor = (slots: number) => Math.ceil(count / slots) * latencyMs;
			log(
				`## P1: 200 items, one 100 KB image each, server latency 200 ms, no limit, default settings (automatic Max Concurrent Requests ${cap} without rate-limit headers, adaptive)`,
			);
			log();
			table(p1, variants);
			log(
				`(c) / (a) = ${(p1.c / p1.a).toFixed(1)} (target at least 20). (a) / (b) = ${(p1.a / p1.b).toFixed(2)} (target at most 2). (a) / ideal at the Max Concurrent Requests (ceil(${count} / ${cap}) x ${latencyMs} ms = ${idealFor(cap)} ms) = ${(p1.a / idealFor(cap)).toFixed(2)}. At Max Concurrent Requests 10: (c) / (a) = ${(p1.c / p1.aCap10).toFixed(1)}, (a) / ideal (${idealFor(10)} ms) = ${(p1.aCap10 / idealFor(10)).toFixed(2)}.`,
			);
			log();
		}

		// P6-P8: real limits, default settings; each `n8n execute` is a new process, so every run
		// starts with a limiter that knows nothing.
		const limited = async (
			title: string,
			limit: (server: OpenAiTestServer) => void,
			describe: (runs: ReturnType<typeof requestCounts>[], times: number[]) => string[],
		) => {
			const { count, bytes, latencyMs } = TIMING_CASES.p1;
			const folder = makeImages(sandbox, `in-${count}-${bytes}`, count, bytes);
			await sandbox.importWorkflow(workflowFor('a', title, folder, server.url, server.apiKey));
			const runs: ReturnType<typeof requestCounts>[] = [];
			const times: number[] = [];
			for (let run = 0; run < REPEATS; run++) {
				server.reset();
				server.latencyMs = latencyMs;
				limit(server);
				const measured = await measure(sandbox, title, NODE_NAME.a);
				const counts = requestCounts(server);
				if (measured.items !== count || counts.answered !== count)
					throw new Error(`${title}: ${measured.items} items, ${counts.answered} answered`);
				runs.push(counts);
				times.push(measured.ms);
			}
			server.reset();
			for (const line of describe(runs, times)) log(line);
			log();
		};
		const runTable = (
			runs: ReturnType<typeof requestCounts>[],
			times: number[],
			ideal: number,
			extra?: (run: ReturnType<typeof requestCounts>) => string,
		) => [
			`| run | node time | / ideal (${ideal} ms) | requests | answered 429 |${extra ? ' most arrivals within any 1000 ms |' : ''}`,
			`| --- | --- | --- | --- | --- |${extra ? ' --- |' : ''}`,
			...runs.map(
				(run, index) =>
					`| ${index + 1} | ${times[index]} ms | ${(times[index] / ideal).toFixed(2)} | ${run.requests} | ${run.refused} (${run.share.toFixed(1)} %) |${extra ? ` ${extra(run)} |` : ''}`,
			),
		];
		if (cases.has('p1')) {
			const { count, latencyMs } = TIMING_CASES.p1;
			// One round to learn from the first answers' headers, then full rounds at the Max Concurrent Requests the
			// headers allow.
			const statedCap = AUTOMATIC_MAX_CONCURRENT.stated;
			const ideal = (1 + Math.ceil(count / statedCap)) * latencyMs;
			await limited(
				'p1-headers',
				// 30,000 requests a minute, as a high OpenAI tier states it: far more than P1 needs.
				(limits) => limits.limitRate(500, 30_000),
				(runs, times) => [
					`## P1 with rate-limit headers: the same 200 items, the server stating 30,000 requests a minute in OpenAI's x-ratelimit headers on every answer, default settings`,
					'',
					...runTable(runs, times, ideal),
					'',
					`Median: ${(median(times) / ideal).toFixed(2)} x ideal (one round to learn, then ceil(${count} / ${statedCap}) rounds at the automatic Max Concurrent Requests with headers: ${ideal} ms), ${(median(times) / p1FloorMs).toFixed(2)} x P1's (b') in this run (${p1FloorMs} ms: n8n's HTTP Request node with the key in a credential, all 200 at once; target at most 1.1).`,
				],
			);
		}
		if (cases.has('p6')) {
			const ideal = Math.ceil(200 / 6) * TIMING_CASES.p1.latencyMs;
			await limited(
				'p6',
				(limits) => (limits.concurrencyLimit = 6),
				(runs, times) => [
					`## P6: P1's 200 items against a server that allows 6 requests at once (429 with retry-after-ms 50 beyond), default settings`,
					'',
					...runTable(runs, times, ideal),
					'',
					`Median: ${(median(times) / ideal).toFixed(2)} x ideal (target at most 1.25); 429s at most ${Math.max(...runs.map((run) => run.share)).toFixed(1)} % of requests (target at most 5).`,
				],
			);
		}
		if (cases.has('p7')) {
			const ideal = 20_000;
			await limited(
				'p7',
				(limits) => limits.limitRate(10, 10),
				(runs, times) => [
					`## P7: P1's 200 items against a server that allows 10 requests a second (a token bucket of 10, OpenAI's x-ratelimit headers, 429 with retry-after-ms when empty), default settings`,
					'',
					...runTable(runs, times, ideal, (run) => String(mostWithin(run.arrivals, 1000))),
					'',
					`Median: ${(median(times) / 1000).toFixed(1)} s (target about 20 s); 429s at most ${Math.max(...runs.map((run) => run.share)).toFixed(1)} % (target at most 5); most arrivals within any second ${Math.max(...runs.map((run) => mostWithin(run.arrivals, 1000)))} (target at most 11).`,
				],
			);
		}
		const webhookCase = {
			version,
			server,
			latencyMs: TIMING_CASES.p1.latencyMs,
			repeats: REPEATS,
			log,
			progress,
		};
		if (cases.has('p8')) await manyExecutions(webhookCase);
		if (cases.has('p10')) await queueModeRuns(webhookCase);
		if (cases.has('p2')) {
			const variants: Variant[] = ['a', 'b', 'bAuth'];
			const p2 = await compare('p2', variants);
			log(`## P2: 1000 items, 2 KB images, no server latency`);
			log();
			table(p2, variants);
			log(
				`(a) / (b) = ${(p2.a / p2.b).toFixed(2)} (target at most 1.1); (a) / (b') = ${(p2.a / p2.bAuth).toFixed(2)}.`,
			);
			log();
		}
		if (cases.has('p4')) {
			// P4: the user's batching option at exactly 10 per second, and with a 10 % margin.
			const p4Folder = makeImages(sandbox, 'in-p4', 200, 10 * 1024);
			log(
				`## P4: 200 items with Request Options > Batching, 10 items per batch (server latency 50 ms)`,
			);
			log();
			log(
				'| batch interval | node time | most request arrivals within any 1000 ms | in any calendar second from the first |',
			);
			log('| --- | --- | --- | --- |');
			for (const batchInterval of [1000, 1100]) {
				await sandbox.importWorkflow(
					workflowFor('a', `p4-${batchInterval}`, p4Folder, server.url, server.apiKey, {
						batching: { batchSize: 10, batchInterval },
					}),
				);
				server.reset();
				server.latencyMs = 50;
				const p4 = await measure(sandbox, `p4-${batchInterval}`, NODE_NAME.a);
				const starts = server.completions.map((request) => request.receivedAt);
				log(
					`| ${batchInterval} ms | ${(p4.ms / 1000).toFixed(1)} s | ${mostWithin(starts, 1000)} | ${mostPerSecond(starts)} |`,
				);
			}
			log();
			log('Target: about 20 s and never more than 10 arrivals in a second.');
			log();
		}

		// Memory: filesystem binary mode keeps n8n's own copy of the input items small.
		const memory = async (
			name: string,
			count: number,
			bytes: number,
			maxConcurrency?: number,
			imageMemoryMb?: number,
			kind: 'png' | 'pdf' = 'png',
		) => {
			const folder = makeImages(fsSandbox, `m-${name}`, count, bytes, kind);
			const baseFolder = makeImages(fsSandbox, `m-${name}-base`, 1, 1024);
			await fsSandbox.importWorkflow(
				workflowFor('a', `m-${name}`, folder, server.url, server.apiKey, {
					maxConcurrency,
					imageMemoryMb,
					documents: kind === 'pdf',
				}),
			);
			await fsSandbox.importWorkflow(
				workflowFor('a', `m-${name}-base`, baseFolder, server.url, server.apiKey, {
					maxConcurrency,
				}),
			);
			const base = await measure(fsSandbox, `m-${name}-base`, NODE_NAME.a);
			const run = await measure(fsSandbox, `m-${name}`, NODE_NAME.a);
			fs.rmSync(path.join(fsSandbox.workFolder, folder), { recursive: true });
			return { growthMb: run.peakRssMb - base.peakRssMb, ms: run.ms };
		};
		server.latencyMs = 100;
		server.keepBodies = false;
		process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
		if (cases.has('p3')) {
			const p3 = await memory('p3', 1, 20 * 1024 * 1024);
			log(`## P3: one 20 MB image (filesystem binary mode)`);
			log();
			log(
				`Peak RSS growth of the n8n process: ${p3.growthMb.toFixed(0)} MB = ${(p3.growthMb / 20).toFixed(1)} x the image (target at most 4).`,
			);
			log();
		}
		if (cases.has('p5')) {
			log(
				`## P5: 5 MB images, peak RSS growth by concurrency cap and by item count (filesystem binary mode, latency 100 ms)`,
			);
			log();
			log(
				'| files | items | cap | image memory budget | growth | bound 4 x 5 MB x (files the cap and budget allow) |',
			);
			log('| --- | --- | --- | --- | --- | --- |');
			const budget = Number(REQUEST_OPTION_DEFAULTS.imageMemoryMb);
			const rows: Array<[number, number, number, 'png' | 'pdf']> = [
				[200, 5, budget, 'png'],
				[200, 10, budget, 'png'],
				[200, 20, budget, 'png'],
				[50, 10, budget, 'png'],
				[100, 10, budget, 'png'],
				[200, AUTOMATIC_MAX_CONCURRENT.unstated, budget, 'png'],
				[200, AUTOMATIC_MAX_CONCURRENT.unstated, 64, 'png'],
				// Documents count against the same budget as images (issue: scans arrive as PDFs).
				[200, 10, budget, 'pdf'],
				[200, AUTOMATIC_MAX_CONCURRENT.unstated, 64, 'pdf'],
			];
			for (const [count, cap, imageMemoryMb, kind] of rows) {
				const result = await memory(
					`p5-${kind}-${count}-${cap}-${imageMemoryMb}`,
					count,
					5 * 1024 * 1024,
					cap,
					imageMemoryMb,
					kind,
				);
				// The budget counts each request's file bytes; one request may always run.
				const files = Math.min(cap, Math.max(1, Math.floor(imageMemoryMb / 5)));
				log(
					`| ${kind === 'png' ? 'PNG' : 'PDF'} | ${count} | ${cap} | ${imageMemoryMb} MB | ${result.growthMb.toFixed(0)} MB | ${4 * 5 * files} MB |`,
				);
			}
			log();
		}
		if (cases.has('p9')) await batchSubmitAtScale(fsSandbox, server, log, progress);
		delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
		log(`Schema-invalid replies from the test server: ${server.invalidReplies.length}.`);
	} finally {
		await server.stop();
		sandbox.cleanUp();
		fsSandbox.cleanUp();
	}
	// A partial run prints its cases and keeps the full results file.
	if (!process.env.BENCH_CASES)
		fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
