/**
 * A batch run survives a restart of n8n: the batch example, started by a webhook in a running
 * n8n (`n8n start`), submits its batch and waits longer than 65 seconds, so n8n stores the
 * execution; n8n is stopped and started again, resumes the execution when the Wait is over, and
 * Get Results answers every image once, from the one batch submitted before the restart.
 */
import fs from 'fs';
import path from 'path';

import { OpenAiTestServer } from '../../server/openAiServer';
import { until } from '../../support/until';
import { freePort } from '../../scale/services';
import { N8N_VERSIONS, N8nSandbox, ROOT } from '../n8n';

jest.setTimeout(400_000);

const examples = path.join(ROOT, 'examples');
const imageFiles = fs.readdirSync(path.join(examples, 'images')).sort();
const WEBHOOK_PATH = 'vision-chat-batch-restart';
// Longer than 65 s: n8n stores the execution and resumes it from its database.
const WAIT_SECONDS = 70;

/** The batch example as a production workflow: a webhook starts it, the Wait stores it. */
function restartableExample(): Record<string, any> {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(examples, 'batch-tagging.workflow.json'), 'utf8'),
	);
	workflow.id = 'visionChatBatchRestart';
	workflow.active = true;
	const start = workflow.nodes.find((node: any) => node.name === 'Start');
	Object.assign(start, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
		webhookId: '0b7c5a52-6a4e-4f3c-9d55-restartbatch',
	});
	workflow.nodes.find((node: any) => node.name === 'Wait').parameters = {
		amount: WAIT_SECONDS,
		unit: 'seconds',
	};
	return workflow;
}

describe.each(N8N_VERSIONS)('$label', (version) => {
	const server = new OpenAiTestServer();
	let sandbox: N8nSandbox;

	beforeAll(async () => {
		await server.start();
		sandbox = new N8nSandbox(version);
		await sandbox.setUpExamples({ apiKey: server.apiKey, baseUrl: `${server.url}/v1` });
	});
	afterAll(async () => {
		await sandbox?.stop();
		await server.stop();
		sandbox?.cleanUp();
	});

	test('n8n restarted while the batch runs: the execution resumes and every image is answered once', async () => {
		const workflow = restartableExample();
		await sandbox.importWorkflow(workflow);
		// n8n 2.x publishes a workflow; 1.x activates it (its command is deprecated in 2.x).
		const activate = version.label.includes('2.x')
			? ['publish:workflow', `--id=${workflow.id}`]
			: ['update:workflow', `--id=${workflow.id}`, '--active=true'];
		const activated = await sandbox.cli(activate);
		expect(activated.code).toBe(0);
		const port = await freePort();

		let url = await sandbox.start(port);
		// n8n 2.x registers the webhooks of published workflows a moment after its REST API is up.
		let status = 0;
		await until('the webhook', () => status !== 0 && status !== 404, 60_000, {
			everyMs: 250,
			step: async () => {
				status = (await fetch(`${url}/webhook/${WEBHOOK_PATH}`, { method: 'POST' })).status;
			},
		});
		expect(status).toBe(200);
		await until('the batch', () => server.batchApi.batches.size === 1, 60_000, { everyMs: 250 });
		// The Wait node stores the execution within moments of the batch; then n8n goes down.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		await sandbox.stop();
		const [batch] = [...server.batchApi.batches.values()];
		// Nobody asked for the batch before the restart: Get Results had not run.
		expect(batch.object.status).toBe('in_progress');

		url = await sandbox.start(port);
		const csv = path.join(sandbox.filesFolder, 'vision-chat', 'tags.csv');
		await until('the CSV of the resumed run', () => fs.existsSync(csv), 180_000, { everyMs: 250 });
		await until(
			'the whole CSV',
			() => fs.readFileSync(csv, 'utf8').trim().split('\n').length > 3,
			10_000,
			{ everyMs: 250 },
		);

		expect(batch.object.status).toBe('completed');
		// One batch, one line per image: nothing was submitted again after the restart.
		expect(server.batchApi.batches.size).toBe(1);
		expect(server.batchApi.lines.map((line) => line.customId).sort()).toEqual(imageFiles);
		for (const line of server.batchApi.lines) expect(line.schemaErrors).toEqual([]);
		expect(server.completions).toHaveLength(0);
		const rows = fs.readFileSync(csv, 'utf8').trim().split('\n').slice(1);
		expect(rows.map((row) => row.split(',')[0].replace(/"/g, '')).sort()).toEqual(imageFiles);
		expect(server.invalidReplies).toEqual([]);
		expect(url).toContain(String(port));
	});
});
