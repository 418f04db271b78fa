/**
 * The editor in a real browser (Chromium driven by playwright-core, see ../browser.ts): a user adds Vision
 * Chat to a workflow from the nodes panel and opens its parameters. The screenshot goes to
 * test/e2e/artifacts/editor.png (the README shows one).
 */
import fs from 'fs';
import path from 'path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

import { OpenAiTestServer, apiError, userParts } from '../../server/openAiServer';
import { CHROMIUM_ARGS, chromiumExecutable } from '../browser';
import { MANUAL_TRIGGER, N8N_VERSIONS, N8nRest, N8nSandbox, visionChatNode } from '../n8n';

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

test('a new Vision Chat API credential shows Extra Headers as a plain box with an example, and no error', async () => {
	const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
	await context.addCookies([{ name: 'n8n-auth', value: rest.authCookie, url }]);
	const page = await context.newPage();
	try {
		await page.goto(`${url}/home/credentials/create`);
		const search = page.getByPlaceholder(/Search for app/i);
		await search.waitFor({ timeout: 60_000 });
		await search.fill('Vision Chat API');
		await page.getByRole('option', { name: 'Vision Chat API' }).click();
		await page.getByRole('button', { name: 'Continue' }).click();
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		await modal.getByText('Extra Headers', { exact: true }).first().waitFor({ timeout: 30_000 });
		// A user clicks into the field and leaves it without typing, then fills in the key.
		const extraHeaders = modal.locator('[data-test-id="parameter-input-extraHeaders"] textarea');
		await extraHeaders.click();
		await modal.locator('[data-test-id="parameter-input-apiKey"] input').fill('sk-test');
		await page.screenshot({ path: path.join(ARTIFACTS, 'credential.png') });
		await expect(extraHeaders.getAttribute('placeholder')).resolves.toContain('X-Title: n8n');
		await expect(extraHeaders.inputValue()).resolves.toBe('');
		await expect(modal.textContent()).resolves.not.toMatch(/Unexpected end of JSON|not valid JSON/);
	} catch (error) {
		await page.screenshot({ path: path.join(ARTIFACTS, 'credential-failure.png') });
		throw error;
	} finally {
		await context.close();
	}
});

test('a user runs a workflow: an empty Stop Sequences box is ignored, answers are simplified, a failed item says why', async () => {
	server.script = (request) =>
		userParts(request.body)[0]?.text === 'Tag the broken photo'
			? { kind: 'json', status: 400, body: apiError('Invalid image: the file is corrupt.') }
			: undefined;
	const visionChat = (name: string, prompt: string, y: number, extra: object = {}) => ({
		...visionChatNode({
			id: name.replace(/\W/g, ''),
			name,
			position: [300, y],
			parameters: {
				prompt,
				binaryImages: 'none',
				imageUrls: 'https://example.com/photo.jpg',
				// What n8n saves when a user adds Stop Sequences and leaves its box empty.
				modelParameters: { stop: [[]] },
			},
		}),
		...extra,
	});
	const workflow = await rest.request('POST', '/rest/workflows', {
		name: 'Vision Chat run in the editor',
		active: false,
		nodes: [
			MANUAL_TRIGGER,
			visionChat('Tag photo', 'Tag the photo', -100),
			visionChat('Tag broken photo', 'Tag the broken photo', 100, {
				onError: 'continueRegularOutput',
			}),
		],
		connections: {
			Start: {
				main: [
					[
						{ node: 'Tag photo', type: 'main', index: 0 },
						{ node: 'Tag broken photo', type: 'main', index: 0 },
					],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	});
	expect(workflow.status).toBe(200);
	const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
	await context.addCookies([{ name: 'n8n-auth', value: rest.authCookie, url }]);
	const page = await context.newPage();
	const outputOf = async (node: string, screenshot: string) => {
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`).dblclick();
		const output = page.locator('[data-test-id="output-panel"]');
		await output.getByText('finish_reason').or(output.getByText('hint')).first().waitFor();
		const text = (await output.textContent()) ?? '';
		await page.screenshot({ path: path.join(ARTIFACTS, screenshot) });
		await page.keyboard.press('Escape');
		return text;
	};
	try {
		await page.goto(`${url}/workflow/${workflow.json.data.id}`);
		await page.getByText('Tag photo', { exact: true }).first().waitFor({ timeout: 60_000 });
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		for (let waited = 0; server.completions.length < 2 && waited < 30_000; waited += 200) {
			await page.waitForTimeout(200);
		}
		expect(server.completions).toHaveLength(2);
		const answer = await outputOf('Tag photo', 'run-answer.png');
		expect(answer).toContain('content');
		expect(answer).toContain('finish_reason');
		expect(answer).not.toContain('choices');
		expect(answer).not.toContain('Stop Sequences');
		const failed = await outputOf('Tag broken photo', 'run-error-item.png');
		for (const text of [
			'status',
			'400',
			'apiMessage',
			'Invalid image: the file is corrupt.',
			'hint',
		]) {
			expect(failed).toContain(text);
		}
		expect(server.completions.every(({ body }) => !('stop' in body))).toBe(true);
	} catch (error) {
		await page.screenshot({ path: path.join(ARTIFACTS, 'run-failure.png') });
		throw error;
	} finally {
		server.script = () => undefined;
		await context.close();
	}
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
