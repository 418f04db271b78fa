/**
 * The editor in a real browser (Chromium driven by playwright-core, see ../browser.ts): a user adds Vision
 * Chat to a workflow from the nodes panel and opens its parameters. The screenshot goes to
 * test/e2e/artifacts/editor.png (the README shows one).
 */
import fs from 'fs';
import path from 'path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

import { OpenAiTestServer } from '../../server/openAiServer';
import { CHROMIUM_ARGS, chromiumExecutable } from '../browser';
import { MANUAL_TRIGGER, N8N_VERSIONS, N8nRest, N8nSandbox } from '../n8n';

jest.setTimeout(240_000);

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

let server: OpenAiTestServer;
let sandbox: N8nSandbox;
let browser: Browser | undefined;
let rest: N8nRest;
let url: string;

beforeAll(async () => {
	server = await new OpenAiTestServer().start();
	sandbox = new N8nSandbox(N8N_VERSIONS[0]);
	await sandbox.importCredential({
		id: 'visionChatDemo',
		name: 'Vision Chat (demo)',
		type: 'visionChatApi',
		data: { apiKey: server.apiKey, baseUrl: server.url, extraHeaders: '{}' },
	});
	url = await sandbox.start(15821);
	rest = new N8nRest(url);
	await rest.setUpOwner();
	browser = await chromium.launch({
		executablePath: await chromiumExecutable(),
		args: CHROMIUM_ARGS,
	});
});

afterAll(async () => {
	await browser?.close();
	await sandbox?.stop();
	sandbox?.cleanUp();
	await server?.stop();
});

test('a user adds Vision Chat to a workflow and sees its parameters', async () => {
	const workflow = await rest.request('POST', '/rest/workflows', {
		name: 'Vision Chat in the editor',
		active: false,
		nodes: [MANUAL_TRIGGER],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	expect(workflow.status).toBe(200);
	const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
	await context.addCookies([{ name: 'n8n-auth', value: rest.authCookie, url }]);
	const page = await context.newPage();
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	try {
		await addVisionChat(page, workflow.json.data.id);
	} catch (error) {
		await page.screenshot({ path: path.join(ARTIFACTS, 'editor-failure.png') });
		throw error;
	}
	await page.screenshot({ path: path.join(ARTIFACTS, 'editor.png') });
	await context.close();
});

async function addVisionChat(
	page: import('playwright-core').Page,
	workflowId: string,
): Promise<void> {
	await page.goto(`${url}/workflow/${workflowId}`);
	await page.getByText('Start', { exact: true }).first().waitFor({ timeout: 60_000 });

	// The nodes panel, as a user opens it with Tab, searched for the node.
	await page.keyboard.press('Tab');
	const search = page.getByPlaceholder(/Search nodes/i);
	await search.waitFor();
	await search.fill('Vision Chat');
	await page.getByText('Vision Chat', { exact: true }).first().waitFor();
	await page.keyboard.press('Enter');
	// A community node first shows its details, with the button that adds it.
	await page.getByRole('button', { name: 'Add to workflow' }).click();

	// The node's parameters open: n8n shows them right after adding a node.
	const parameters = page.locator('[data-test-id="ndv"]');
	await parameters.waitFor({ timeout: 30_000 });
	for (const label of [
		'Model',
		'Prompt',
		'Binary Images',
		'Image URLs',
		'Image Detail',
		'Response Format',
	]) {
		await expect(parameters.getByText(label, { exact: true }).first().isVisible()).resolves.toBe(
			true,
		);
	}
}
