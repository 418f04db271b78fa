/**
 * The package in n8n's queue mode, as self-hosted n8n scales out: Redis queues the executions,
 * PostgreSQL holds the data, a main process takes the webhooks and two workers run the
 * executions, each loading the packed package from the shared user folder; on n8n 1.x and 2.x.
 * Run by `npm run test:scale` (it needs Debian's redis-server and postgresql; .ci/run installs
 * them; n8n 2.x gets PostgreSQL 17 from the npm registry).
 */
import { OpenAiTestServer, userParts } from '../server/openAiServer';
import { decodeDataUrl, makePng } from '../support/images';
import {
	N8N_VERSIONS,
	N8nSandbox,
	describeN8n,
	ensureN8nInstalled,
	visionChatNode,
} from '../e2e/n8n';
import { queueModeServices, startWorker, startedBy, stopProcess } from './queueMode';
import type { QueueWorker } from './queueMode';
import { freePort } from './services';
import type { Postgres, Redis } from './services';

jest.setTimeout(300_000);

const IMAGES = 40;
/** Max Concurrent Requests of the workflow: below what one worker runs at once (5). */
const CEILING = 3;
const WEBHOOK_PATH = 'vision-chat-scale';
/** The same upload workflow at the node's default settings. */
const DEFAULTS_PATH = 'vision-chat-scale-defaults';

const server = new OpenAiTestServer();
let redis: Redis;
let postgres: Postgres;
let sandbox: N8nSandbox;
let url: string;

let workers: QueueWorker[] = [];

/** A different image per request: its size and colour name it. */
const imageNumber = (index: number) => makePng(2 + (index % 7), 2 + Math.floor(index / 7), index);

/** A Webhook trigger taking one image, and Vision Chat tagging it with `options`. */
function uploadWorkflow(id: string, path: string, options: Record<string, unknown>) {
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'webhook',
				name: 'Image upload',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			visionChatNode({
				id: 'vision',
				name: 'Tag image',
				position: [220, 0],
				parameters: { prompt: '=Tag {{ $json.headers["x-image"] }}', options },
				credential: { id: 'visionChatScale', name: 'Vision Chat (scale)' },
			}),
		],
		connections: {
			'Image upload': { main: [[{ node: 'Tag image', type: 'main', index: 0 }]] },
		},
	};
}

async function post(index: number, path = WEBHOOK_PATH): Promise<{ status: number; json: any }> {
	const response = await fetch(`${url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'image/png', 'X-Image': `image ${index}` },
		body: imageNumber(index),
	});
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = { text };
	}
	return { status: response.status, json };
}

/** Each image the test server received (or answered), by the number the test gave it, counted. */
function imagesReceived(answered = false): Map<number, number> {
	const counts = new Map<number, number>();
	for (const request of server.completions) {
		if (answered && request.reply !== 'ok') continue;
		const [text, image] = userParts(request.body);
		const index = Number(/image (\d+)/.exec(text.text)?.[1]);
		expect(decodeDataUrl(image.image_url.url).bytes.equals(imageNumber(index))).toBe(true);
		counts.set(index, (counts.get(index) ?? 0) + 1);
	}
	return counts;
}

describe.each(N8N_VERSIONS.map((version) => [version.label, version] as const))(
	'%s',
	(_label, version) => {
		beforeAll(async () => {
			workers = [];
			ensureN8nInstalled(version);
			await server.start();
			server.latencyMs = 150;
			sandbox = new N8nSandbox(version);
			({ redis, postgres } = await queueModeServices(sandbox));
			// Webhook runs are kept, so the test can read what was stored.
			sandbox.settings.EXECUTIONS_DATA_SAVE_ON_SUCCESS = 'all';
			await sandbox.importCredential({
				id: 'visionChatScale',
				name: 'Vision Chat (scale)',
				type: 'visionChatApi',
				data: { apiKey: server.apiKey, baseUrl: server.url },
			});
			for (const workflow of [
				uploadWorkflow('visionChatQueueMode', WEBHOOK_PATH, {
					maxRetries: 0,
					maxConcurrency: CEILING,
				}),
				uploadWorkflow('visionChatQueueModeDefaults', DEFAULTS_PATH, {}),
			]) {
				await sandbox.importWorkflow(workflow);
				const activated = await sandbox.cli([
					'update:workflow',
					`--id=${workflow.id}`,
					'--active=true',
				]);
				if (activated.code !== 0)
					throw new Error(`activation failed: ${activated.stdout}${activated.stderr}`);
			}
			url = await sandbox.start(await freePort());
			workers.push(
				await startWorker(sandbox, 'worker A', 5),
				await startWorker(sandbox, 'worker B', 5),
			);
		});

		afterAll(async () => {
			for (const worker of workers) await stopProcess(worker.process);
			await sandbox?.stop();
			sandbox?.cleanUp();
			postgres?.stop();
			await redis?.stop();
			await server.stop();
		});

		beforeEach(() => {
			server.reset();
			server.latencyMs = 150;
		});
		afterEach(() => {
			expect(server.invalidReplies).toEqual([]);
			for (const request of server.completions) expect(request.schemaErrors).toEqual([]);
		});

		test('40 uploads, each its own execution: the workers run them all, every image reaches the API once, intact', async () => {
			const replies = await Promise.all(Array.from({ length: IMAGES }, (_, index) => post(index)));
			expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
			expect(replies.map((reply) => reply.json.content)).toEqual(
				replies.map((_, index) => `Choice 0: saw 1 image(s) for "Tag image ${index}"`),
			);
			const received = imagesReceived();
			expect([...received.keys()].sort((a, b) => a - b)).toEqual(
				Array.from({ length: IMAGES }, (_, index) => index),
			);
			expect([...received.values()].every((count) => count === 1)).toBe(true);
			// Both workers ran executions; the main process ran none.
			const [a, b] = workers.map(startedBy);
			expect(a).toBeGreaterThan(0);
			expect(b).toBeGreaterThan(0);
			expect(a + b).toBeGreaterThanOrEqual(IMAGES);
			// One limiter per API key in each process: two workers, at most twice the Max Concurrent Requests in flight,
			// and more than one worker's share.
			expect(server.maxInFlight).toBeLessThanOrEqual(2 * CEILING);
			expect(server.maxInFlight).toBeGreaterThan(CEILING);
			// n8n 2.x runs on the PostgreSQL it wants (16 or later), the one from npm.
			const postgresVersion = postgres.query('show server_version');
			if (version === N8N_VERSIONS[1])
				expect(Number(postgresVersion.split('.')[0])).toBeGreaterThanOrEqual(16);
			console.log(
				`[scale] ${describeN8n(version)}, PostgreSQL ${postgresVersion}: ${IMAGES} uploads, worker A ran ${a}, worker B ${b}; at most ${server.maxInFlight} requests in flight`,
			);
			// The stored executions hold the answers and their usage.
			expect(
				postgres.query(
					`select status, count(*) from execution_entity where "workflowId" = 'visionChatQueueMode' group by status`,
				),
			).toBe(`success|${IMAGES}`);
			const stored = postgres.query(
				`select count(*) from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = 'visionChatQueueMode' and d.data like '%prompt_tokens%' and d.data like '%Choice 0: saw 1 image(s)%'`,
			);
			expect(stored).toBe(String(IMAGES));
		});

		test('a worker stopped with SIGTERM mid-run finishes what it runs; nothing is answered twice or lost', async () => {
			server.latencyMs = 400;
			const before = workers.map(startedBy);
			const replies = Promise.all(Array.from({ length: IMAGES }, (_, index) => post(index)));
			while (server.completions.length < 8) await new Promise((resolve) => setTimeout(resolve, 50));
			const stopping = stopProcess(workers[0].process, 'SIGTERM');
			const settled = await replies;
			await stopping;
			const succeeded = settled.filter((reply) => reply.status === 200 && reply.json.content);
			const failed = settled.filter((reply) => !(reply.status === 200 && reply.json.content));
			// Counted: every upload either has its answer or an error the caller sees; none vanished.
			expect(succeeded.length + failed.length).toBe(IMAGES);
			const received = imagesReceived();
			expect([...received.values()].every((count) => count === 1)).toBe(true);
			expect(received.size).toBeGreaterThanOrEqual(succeeded.length);
			// n8n's graceful shutdown: the stopped worker finished what it had started.
			expect(workers[0].log).not.toMatch(/Error: .*interrupted|job stalled/i);
			expect(succeeded.length).toBe(IMAGES);
			const ranAfter = workers.map(startedBy).map((count, index) => count - before[index]);
			expect(ranAfter[1]).toBeGreaterThan(0);
			console.log(
				`[scale] SIGTERM mid-run: ${succeeded.length} of ${IMAGES} answered, worker A ran ${ranAfter[0]}, worker B ${ranAfter[1]}`,
			);
		});

		test('three workers at default settings share a provider allowing 8 requests at once: 200 uploads, every image answered once', async () => {
			workers.push(await startWorker(sandbox, 'worker C'), await startWorker(sandbox, 'worker D'));
			const live = workers.filter((worker) => worker.process.exitCode === null);
			expect(live).toHaveLength(3);
			const before = live.map(startedBy);
			server.latencyMs = 200;
			server.concurrencyLimit = 8;
			const uploads = 200;
			const started = Date.now();
			const replies = await Promise.all(
				Array.from({ length: uploads }, (_, index) => post(index, DEFAULTS_PATH)),
			);
			const wallMs = Date.now() - started;
			expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
			expect(replies.map((reply) => reply.json.content)).toEqual(
				replies.map((_, index) => `Choice 0: saw 1 image(s) for "Tag image ${index}"`),
			);
			const answered = imagesReceived(true);
			expect(answered.size).toBe(uploads);
			expect([...answered.values()].every((count) => count === 1)).toBe(true);
			const ran = live.map((worker, index) => startedBy(worker) - before[index]);
			expect(ran.every((count) => count > 0)).toBe(true);
			// Eight answered at once at most; a ninth arriving is refused.
			expect(server.maxInFlight).toBeLessThanOrEqual(9);
			const refused = server.completions.filter(
				(request) => request.reply === 'rate limited',
			).length;
			console.log(
				`[scale] 3 workers, 8 at once: ${uploads} uploads in ${wallMs} ms, ${refused} of ${server.completions.length} requests answered 429, executions ${ran.join(', ')}`,
			);
		});
	},
);
