/**
 * Many executions at once, as a webhook workflow meets them in production: `executions` POSTs
 * sent together, each execution answering with its `items` items. Every item must be answered,
 * by exactly one request that reached the API and was answered.
 */
import type { N8nSandbox, N8nVersion } from '../test/e2e/n8n';
import { freePort } from '../test/scale/services';
import type { OpenAiTestServer, ReceivedRequest } from '../test/server/openAiServer';
import { importCredentials, makeImages, workflowFor } from './workflows';

/** What a case of many webhook executions at once runs on, and where it writes. */
export interface WebhookCase {
	version: N8nVersion;
	server: OpenAiTestServer;
	latencyMs: number;
	repeats: number;
	log: (line?: string) => void;
	progress: (line: string) => void;
}

/** A webhook workflow to serve: its id, and Vision Chat options other than the defaults. */
export interface WebhookWorkflow {
	id: string;
	options?: Record<string, unknown>;
}

/**
 * Starts n8n with each of `workflows` active: a Webhook trigger, `items` images of 100 KB read
 * from disk, Vision Chat at default settings but the workflow's options. Gives the webhooks'
 * addresses, in the same order.
 */
export async function serveWebhookWorkflows(
	sandbox: N8nSandbox,
	server: OpenAiTestServer,
	items: number,
	workflows: WebhookWorkflow[],
): Promise<string[]> {
	await importCredentials(sandbox, server);
	for (const { id, options } of workflows) {
		const folder = makeImages(sandbox, `${id}-images`, items, 100 * 1024);
		await sandbox.importWorkflow(
			workflowFor('a', id, folder, server.url, server.apiKey, {
				...options,
				webhookPath: `bench-${id}`,
			}),
		);
		const activated = await sandbox.cli(['update:workflow', `--id=${id}`, '--active=true']);
		if (activated.code !== 0) throw new Error(`activation failed: ${activated.stdout}`);
	}
	const url = await sandbox.start(await freePort());
	return workflows.map(({ id }) => `${url}/webhook/bench-${id}`);
}

export interface WebhookBatch {
	/** From the first POST to the last answer. */
	wallMs: number;
	/** The completion requests the batch made, refused ones included. */
	requests: ReceivedRequest[];
	refused: number;
}

export async function webhookBatch(
	server: OpenAiTestServer,
	webhookUrl: string,
	executions: number,
	items: number,
	label: string,
): Promise<WebhookBatch> {
	const before = server.completions.length;
	const started = Date.now();
	const answers = await Promise.all(
		Array.from({ length: executions }, () =>
			fetch(webhookUrl, { method: 'POST' }).then(async (response) => ({
				status: response.status,
				body: await response.json(),
			})),
		),
	);
	const wallMs = Date.now() - started;
	const requests = server.completions.slice(before);
	const refused = requests.filter((request) => request.reply === 'rate limited').length;
	const answered = requests.filter((request) => request.reply === 'ok').length;
	const itemsAnswered = answers.reduce(
		(total, answer) => total + (Array.isArray(answer.body) ? answer.body.length : 0),
		0,
	);
	if (answers.some((answer) => answer.status !== 200) || itemsAnswered !== executions * items)
		throw new Error(
			`${label}: ${itemsAnswered} items answered: ${JSON.stringify(answers[0]).slice(0, 300)}`,
		);
	if (answered !== executions * items) throw new Error(`${label}: the API answered ${answered}`);
	return { wallMs, requests, refused };
}
