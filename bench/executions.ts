/**
 * P8: many executions at once against one key, as a webhook workflow meets them in production:
 * one n8n process (`n8n start`), 20 POSTs sent together, each execution reading 10 images and
 * tagging them with Vision Chat at default settings, against a server that allows 8 requests at
 * once. The limiter is the process's, so the first batch meets it new and later ones as it learned.
 */
import { N8nSandbox } from '../test/e2e/n8n';
import { serveWebhookWorkflows, webhookBatch } from './webhookBatch';
import type { WebhookCase } from './webhookBatch';

const EXECUTIONS = 20;
const ITEMS = 10;
const SERVER_LIMIT = 8;

export async function manyExecutions(run: WebhookCase): Promise<void> {
	const { version, server, latencyMs, repeats, log, progress } = run;
	const sandbox = new N8nSandbox(version);
	try {
		const [webhookUrl] = await serveWebhookWorkflows(sandbox, server, ITEMS, [{ id: 'p8' }]);
		const ideal = Math.ceil((EXECUTIONS * ITEMS) / SERVER_LIMIT) * latencyMs;
		const rows: string[] = [];
		const walls: number[] = [];
		const shares: number[] = [];
		for (let run = 0; run < repeats; run++) {
			server.reset();
			server.latencyMs = latencyMs;
			server.concurrencyLimit = SERVER_LIMIT;
			progress(`p8 batch ${run + 1}: ${EXECUTIONS} executions x ${ITEMS} items`);
			const {
				wallMs: wall,
				requests,
				refused,
			} = await webhookBatch(server, webhookUrl, EXECUTIONS, ITEMS, 'p8');
			const first = Math.min(...requests.map((request) => request.receivedAt));
			const last = Math.max(...requests.map((request) => request.answeredAt ?? 0));
			const share = (100 * refused) / requests.length;
			progress(`p8 batch ${run + 1}: ${wall} ms, ${refused} of ${requests.length} answered 429`);
			walls.push(last - first);
			shares.push(share);
			rows.push(
				`| ${run + 1}${run === 0 ? ' (new limiter)' : ''} | ${wall} ms | ${last - first} ms | ${((last - first) / ideal).toFixed(2)} | ${requests.length} | ${refused} (${share.toFixed(1)} %) | ${server.maxInFlight} |`,
			);
		}
		server.reset();
		log(
			`## P8: ${EXECUTIONS} executions x ${ITEMS} items started together (webhook, one n8n process) against one key, server limit ${SERVER_LIMIT} at once, default settings`,
		);
		log();
		log(
			`| batch | first POST to last answer | first request to last answer at the API | / ideal (ceil(200 / ${SERVER_LIMIT}) x ${latencyMs} ms = ${ideal} ms) | requests | answered 429 | most open at once |`,
		);
		log('| --- | --- | --- | --- | --- | --- | --- |');
		for (const row of rows) log(row);
		log();
		log(
			`Every item answered once in every batch. Worst: ${(Math.max(...walls) / ideal).toFixed(2)} x ideal (target at most 1.5), 429s ${Math.max(...shares).toFixed(1)} % (target at most 5).`,
		);
		log();
	} finally {
		await sandbox.stop();
		sandbox.cleanUp();
	}
}
