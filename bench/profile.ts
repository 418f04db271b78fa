/**
 * `npm run bench:profile -- <p1|p2> <a|b|bAuth|c> [cap|headers]`: runs one benchmark workflow once in real n8n
 * under `node --cpu-prof` and prints where the n8n process spent the node's execution time:
 * by package, and the functions with the most self and total time. Writes the profile to
 * bench/profiles/ (open it in Chrome DevTools > Performance).
 */
import fs from 'fs';
import path from 'path';

import { N8N_VERSIONS, N8nSandbox, ROOT, ensureN8nInstalled } from '../test/e2e/n8n';
import { OpenAiTestServer } from '../test/server/openAiServer';
import type { ReceivedRequest } from '../test/server/openAiServer';
import type { CpuProfile } from './cpuProfile';
import { summarizeWindow } from './cpuProfile';
import { NODE_NAME, TIMING_CASES, importCredentials, makeImages, workflowFor } from './workflows';
import type { Variant } from './workflows';

type Frame = { url: string; functionName: string };
const routingNode = (frame: Frame) =>
	frame.url.endsWith('routing-node.js') && frame.functionName === 'runNode';
const httpRequest = (frame: Frame) =>
	frame.url.endsWith('HttpRequestV3.node.js') && frame.functionName === 'execute';

/** The first frame of each node's own work: the profile window starts at it. */
const STARTS: Record<Variant, (frame: Frame) => boolean> = {
	a: routingNode,
	aCap10: routingNode,
	b: httpRequest,
	bAuth: httpRequest,
	c: (frame) =>
		frame.url.endsWith('image/analyze.operation.js') && frame.functionName === 'execute',
};

/**
 * Where the node's wall time went outside the server: before the first request arrived, after
 * the last answer, and between an answer and the request that took its concurrency slot.
 */
function requestTimeline(
	requests: ReceivedRequest[],
	nodeStart: number,
	nodeMs: number,
	cap: number,
): string {
	const arrivals = requests.map((request) => request.receivedAt).sort((x, y) => x - y);
	const answers = requests.map((request) => request.answeredAt ?? Number.NaN).sort((x, y) => x - y);
	const handoffs = arrivals.slice(cap).map((arrival, index) => arrival - answers[index]);
	const mean = (values: number[]) =>
		values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
	const average = mean(handoffs);
	const serverMs = requests.map(
		(request) => (request.answeredAt ?? Number.NaN) - request.receivedAt,
	);
	return [
		`Request 1 arrived ${arrivals[0] - nodeStart} ms after the node started, request ${Math.min(cap, arrivals.length)} after ${arrivals[Math.min(cap, arrivals.length) - 1] - nodeStart} ms; the last answer left ${nodeStart + nodeMs - answers[answers.length - 1]} ms before it ended.`,
		`From an answer to the next request arriving (cap ${cap}): ${average.toFixed(1)} ms on average, ${Math.max(...handoffs, 0)} ms at most.`,
		`From a request's arrival to its answer: ${mean(serverMs).toFixed(1)} ms on average, ${Math.max(...serverMs)} ms at most.`,
	].join('\n');
}

async function main(): Promise<void> {
	const [caseName = 'p1', variant = 'a', capOrHeaders] = process.argv.slice(2) as [
		keyof typeof TIMING_CASES,
		Variant,
		string?,
	];
	const setup = TIMING_CASES[caseName];
	if (!setup || !STARTS[variant])
		throw new Error('usage: bench/profile.ts <p1|p2> <a|b|bAuth|c> [cap|headers]');
	// `headers`: the server states 30,000 requests a minute on every answer (P1 with headers).
	const headers = capOrHeaders === 'headers';
	const cap = headers ? undefined : capOrHeaders;
	const version = N8N_VERSIONS[0];
	ensureN8nInstalled(version);
	const server = await new OpenAiTestServer().start();
	const sandbox = new N8nSandbox(version);
	const profiles = path.join(sandbox.userFolder, 'profiles');
	try {
		await importCredentials(sandbox, server);
		const folder = makeImages(sandbox, 'images', setup.count, setup.bytes);
		const id = `${caseName}-${variant}`;
		await sandbox.importWorkflow(
			workflowFor(variant, id, folder, server.url, server.apiKey, {
				maxConcurrency: cap ? Number(cap) : undefined,
			}),
		);
		server.latencyMs = setup.latencyMs;
		if (headers) server.limitRate(500, 30_000);
		sandbox.nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--cpu-prof-interval=250'];
		const result = await sandbox.execute(id);
		if (result.error) throw new Error(`${id} failed: ${result.error.message}`);
		const task = result.runData[NODE_NAME[variant]][0];
		const timeline = requestTimeline(
			server.completions,
			task.startTime,
			task.executionTime,
			cap ? Number(cap) : headers ? 50 : 10,
		);

		// n8n may start helper processes; the profile that saw the node's work is the one to read.
		for (const file of fs.readdirSync(profiles)) {
			const profile = JSON.parse(fs.readFileSync(path.join(profiles, file), 'utf8')) as CpuProfile;
			const summary = summarizeWindow(profile, STARTS[variant], task.executionTime);
			if (summary.windowMs === 0) continue;
			const saved = path.join(
				ROOT,
				'bench',
				'profiles',
				`${id}${cap ? `-cap${cap}` : ''}${headers ? '-headers' : ''}.cpuprofile`,
			);
			fs.mkdirSync(path.dirname(saved), { recursive: true });
			fs.copyFileSync(path.join(profiles, file), saved);
			console.log(
				`${id}: ${setup.count} items, node time ${task.executionTime} ms (${summary.windowMs.toFixed(0)} ms profiled), ${server.completions.length} requests. Profile: ${path.relative(ROOT, saved)}`,
			);
			console.log(timeline);
			const busy = summary.byPlace
				.filter((share) => share.name !== '(idle)')
				.reduce((sum, share) => sum + share.ms, 0);
			console.log(
				`\nBusy ${busy.toFixed(0)} ms of ${summary.windowMs.toFixed(0)} ms. Self time by place:`,
			);
			for (const share of summary.byPlace)
				console.log(`  ${share.ms.toFixed(0).padStart(7)} ms  ${share.name}`);
			console.log('\nMost self time:');
			for (const share of summary.topSelf)
				console.log(`  ${share.ms.toFixed(0).padStart(7)} ms  ${share.name}`);
			console.log('\nMost total time:');
			for (const share of summary.topTotal)
				console.log(`  ${share.ms.toFixed(0).padStart(7)} ms  ${share.name}`);
		}
	} finally {
		await server.stop();
		sandbox.cleanUp();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
