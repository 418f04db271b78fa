/**
 * The editor in a real browser (Chromium driven by playwright-core, see ../browser.ts), on n8n 1.x
 * and 2.x, as a new user meets the node: finding it by what they type, the credential, the
 * example imported as it is and run, the output, the node as an AI Agent's tool, its options, and
 * a field list filled in and run, and a mistake in its settings. Screenshots go to
 * test/e2e/artifacts/ (the README shows the 2.x editor, copied to docs/editor.png, and its field
 * list, copied to docs/fields.png).
 */
import fs from 'fs';
import path from 'path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

import { OpenAiTestServer, apiError, userParts } from '../../server/openAiServer';
import { CHROMIUM_ARGS, chromiumExecutable } from '../browser';
import {
	MANUAL_TRIGGER,
	N8N_VERSIONS,
	N8nRest,
	N8nSandbox,
	ROOT,
	itemsFrom,
	visionChatNode,
} from '../n8n';

jest.setTimeout(300_000);

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const EXAMPLES = path.join(ROOT, 'examples');

describe.each(N8N_VERSIONS.map((version, index) => ({ ...version, port: 15821 + index })))(
	'$label',
	(version) => {
		/** Screenshots of n8n 1.x keep their names; those of 2.x get a "-2" before ".png". */
		const shot = (name: string) =>
			path.join(
				ARTIFACTS,
				version.label === N8N_VERSIONS[0].label ? name : name.replace('.png', '-2.png'),
			);

		let server: OpenAiTestServer;
		let sandbox: N8nSandbox;
		let browser: Browser | undefined;
		let rest: N8nRest;
		let url: string;

		beforeAll(async () => {
			server = await new OpenAiTestServer().start();
			sandbox = new N8nSandbox(version);
			await sandbox.importCredential({
				id: 'visionChatDemo',
				name: 'Vision Chat (demo)',
				type: 'visionChatApi',
				data: { apiKey: server.apiKey, baseUrl: server.url, extraHeaders: '{}' },
			});
			url = await sandbox.start(version.port);
			rest = new N8nRest(url);
			await rest.setUpOwner();
			browser = await chromium.launch({
				executablePath: await chromiumExecutable(),
				args: CHROMIUM_ARGS,
			});
			fs.mkdirSync(ARTIFACTS, { recursive: true });
		});

		afterAll(async () => {
			await browser?.close();
			await sandbox?.stop();
			sandbox?.cleanUp();
			await server?.stop();
		});

		/** A page of the editor, logged in as the owner; its screenshot is kept when `use` fails. */
		async function inEditor(failureShot: string, use: (page: Page) => Promise<void>) {
			const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
			await context.addCookies([{ name: 'n8n-auth', value: rest.authCookie, url }]);
			const page = await context.newPage();
			try {
				await use(page);
			} catch (error) {
				await page.screenshot({ path: shot(failureShot) });
				throw error;
			} finally {
				server.script = () => undefined;
				await context.close();
			}
		}

		beforeEach(() => server.reset());

		async function createWorkflow(workflow: Record<string, unknown>): Promise<string> {
			const created = await rest.request('POST', '/rest/workflows', {
				active: false,
				settings: { executionOrder: 'v1' },
				...workflow,
			});
			expect(created.status).toBe(200);
			return created.json.data.id;
		}

		/** A new workflow holding only a manual trigger, open in the editor. */
		async function openNewWorkflow(page: Page, name: string): Promise<void> {
			const id = await createWorkflow({ name, nodes: [MANUAL_TRIGGER], connections: {} });
			await page.goto(`${url}/workflow/${id}`);
			await page.getByText('Start', { exact: true }).first().waitFor({ timeout: 60_000 });
		}

		/** A new Vision Chat API credential's form, opened as a user opens it. */
		async function openNewCredential(page: Page) {
			await page.goto(`${url}/home/credentials/create`);
			const search = page.getByPlaceholder(/Search for app/i);
			await search.waitFor({ timeout: 60_000 });
			await search.fill('Vision Chat API');
			await page.getByRole('option', { name: 'Vision Chat API' }).click();
			await page.getByRole('button', { name: 'Continue' }).click();
			return page.locator('[data-test-id="editCredential-modal"]');
		}

		test('a user finds Vision Chat by what they type, adds it, and sees its parameters', async () => {
			await inEditor('editor-failure.png', async (page) => {
				await openNewWorkflow(page, 'Vision Chat in the editor');
				// The nodes panel, as a user opens it with the + button.
				await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
				const search = page.getByPlaceholder(/Search nodes/i);
				await search.waitFor();
				for (const typed of [
					'chat completions',
					'image to text',
					'caption',
					'qwen-vl',
					'ocr',
					'receipt',
					'invoice',
					'extract',
					'pdf',
					'read pdf',
					'extract text from image',
					'image',
				]) {
					await search.fill(typed);
					const results = page.locator('[data-test-id="node-creator-item-name"]');
					// The list updates as the user types: wait for the node, then read where it stands.
					await results
						.filter({ hasText: /^\s*Vision Chat\s*$/ })
						.first()
						.waitFor({ timeout: 10_000 })
						.catch(() => undefined);
					const names = (await results.allTextContents()).map((name) => name.trim());
					// Found, and among the first three results. n8n 1.x weighs a node's name above its
					// aliases (1.3 to 1): three built-in nodes named for "extract" stay above any alias.
					// "image" is in many built-in nodes' names: where Vision Chat stands is said.
					const within =
						typed === 'image'
							? names.length
							: version.label === 'n8n 1.x' && typed === 'extract'
								? 4
								: 3;
					if (typed === 'image') {
						console.log(
							`[search] ${version.label}, "image": Vision Chat is result ${names.indexOf('Vision Chat') + 1} of ${names.length}`,
						);
					}
					expect([typed, names.slice(0, within)]).toEqual([
						typed,
						expect.arrayContaining(['Vision Chat']),
					]);
				}
				await search.fill('Vision Chat');
				await page.getByText('Vision Chat', { exact: true }).first().waitFor();
				await page.keyboard.press('Enter');
				// A community node first shows its details, with the button that adds it.
				await page.getByRole('button', { name: 'Add to workflow' }).click();
				// The node's parameters open: n8n shows them right after adding a node.
				const parameters = page.locator('[data-test-id="node-parameters"]');
				await parameters.waitFor({ timeout: 30_000 });
				for (const label of [
					'Model',
					'Input',
					'Prompt',
					'Binary Images',
					'Image URLs',
					'Image Detail',
					'Examples',
					'Response Format',
					'Limits',
				]) {
					await expect(
						parameters.getByText(label, { exact: true }).first().isVisible(),
					).resolves.toBe(true);
				}
				await page.screenshot({ path: shot('editor.png') });
			});
		});

		test('a user lists three fields (one of them One Of), runs the node and sees the three as columns', async () => {
			const id = await createWorkflow({
				name: 'Vision Chat fields',
				nodes: [
					MANUAL_TRIGGER,
					{
						...visionChatNode({
							id: 'receipt',
							name: 'Read receipt',
							position: [300, 0],
							parameters: {
								prompt: 'Read this receipt',
								binaryImages: 'none',
								imageUrls: 'https://receipts.test/r.png',
							},
						}),
						typeVersion: 1.1,
					},
				],
				connections: { Start: { main: [[{ node: 'Read receipt', type: 'main', index: 0 }]] } },
			});
			await inEditor('fields-failure.png', async (page) => {
				await page.setViewportSize({ width: 1440, height: 1100 });
				await page.goto(`${url}/workflow/${id}`);
				const node = page.locator('[data-test-id="canvas-node"][data-node-name="Read receipt"]');
				await node.waitFor({ timeout: 60_000 });
				await node.dblclick();
				const parameters = page.locator('[data-test-id="node-parameters"]');
				await parameters.locator('[data-test-id="parameter-input-responseFormat"]').click();
				// An option's name as read includes its description.
				await page
					.getByRole('option', { name: /^Fields/ })
					.first()
					.click();
				const fields = [
					{ name: 'vendor', type: 'Text' },
					{ name: 'total', type: 'Number' },
					{ name: 'currency', type: 'One Of', choices: 'EUR, USD' },
				];
				const list = parameters.locator('[data-test-id="fixed-collection-fields"]');
				for (const [index, field] of fields.entries()) {
					await parameters.getByRole('button', { name: 'Add Field' }).click();
					await list
						.locator('[data-test-id="parameter-input-name"] input')
						.nth(index)
						.fill(field.name);
					if (field.type !== 'Text') {
						await list.locator('[data-test-id="parameter-input-type"]').nth(index).click();
						await page.getByRole('option', { name: field.type, exact: true }).first().click();
					}
					if (field.choices) {
						await list
							.locator('[data-test-id="parameter-input-choices"] input')
							.fill(field.choices);
					}
				}
				await list
					.locator('[data-test-id="parameter-input-name"] input')
					.first()
					.scrollIntoViewIfNeeded();
				await page.screenshot({ path: shot('fields.png') });
				await page.locator('[data-test-id="node-execute-button"]').first().click();
				const output = page.locator('[data-test-id="output-panel"]');
				await output.getByText('currency').first().waitFor({ timeout: 30_000 });
				const columns = (await output.locator('th').allTextContents())
					.map((text) => text.trim())
					.filter(Boolean);
				expect(columns.slice(0, 3)).toEqual(['vendor', 'total', 'currency']);
				expect(columns).not.toContain('content');
				expect(await output.textContent()).toContain('EUR');
			});
			const [request] = server.completions;
			expect(request.body.response_format.json_schema.schema).toMatchObject({
				required: ['vendor', 'total', 'currency'],
				properties: { currency: { type: 'string', enum: ['EUR', 'USD'] } },
			});
		});

		test('a new Vision Chat API credential shows Extra Headers as a plain box with an example, and no error', async () => {
			await inEditor('credential-failure.png', async (page) => {
				const modal = await openNewCredential(page);
				await modal
					.getByText('Extra Headers', { exact: true })
					.first()
					.waitFor({ timeout: 30_000 });
				// A user clicks into the field and leaves it without typing, then fills in the key.
				const extraHeaders = modal.locator(
					'[data-test-id="parameter-input-extraHeaders"] textarea',
				);
				await extraHeaders.click();
				await modal.locator('[data-test-id="parameter-input-apiKey"] input').fill('sk-test');
				await page.screenshot({ path: shot('credential.png') });
				await expect(extraHeaders.getAttribute('placeholder')).resolves.toContain('X-Title: n8n');
				await expect(extraHeaders.inputValue()).resolves.toBe('');
				await expect(modal.textContent()).resolves.not.toMatch(
					/Unexpected end of JSON|not valid JSON/,
				);
			});
		});

		test("a wrong API key: the credential's test says what the README says it does", async () => {
			await inEditor('credential-test-failure.png', async (page) => {
				const modal = await openNewCredential(page);
				await modal.locator('[data-test-id="parameter-input-baseUrl"] input').fill(server.url);
				await modal.locator('[data-test-id="parameter-input-apiKey"] input').fill('sk-wrong');
				await modal.locator('[data-test-id="credential-save-button"]').click();
				await modal
					.getByText(/Couldn.t connect with these settings/)
					.first()
					.waitFor({ timeout: 30_000 });
				// The details only under More details: n8n 2.x shows the credential's own message
				// there, n8n 1.x its generic one for a 401.
				const details =
					version.label === 'n8n 1.x'
						? 'Authorization failed - please check your credentials'
						: 'The API did not accept the API Key (401)';
				await expect(modal.textContent()).resolves.not.toContain(details);
				await modal.getByText('More details', { exact: true }).first().click();
				await modal.getByText(details).first().waitFor({ timeout: 10_000 });
				await page.screenshot({ path: shot('credential-test.png') });
			});
		});

		test("the README's import steps: the workflow menu holds Import from File (1.x) or Import > From file (2.x)", async () => {
			await inEditor('import-menu-failure.png', async (page) => {
				await openNewWorkflow(page, 'Import steps');
				await page.locator('[data-test-id="workflow-menu"]').first().click();
				if (version.label === 'n8n 1.x') {
					await page.getByText('Import from File...', { exact: true }).first().waitFor();
				} else {
					await page.getByText('Import', { exact: true }).first().hover();
					await page.getByText('From file', { exact: true }).first().waitFor();
				}
				await page.screenshot({ path: shot('import-menu.png') });
			});
		});

		test('the image tagging example, imported as it is, tags every image; the answer comes first, then the file', async () => {
			const example = JSON.parse(
				fs.readFileSync(path.join(EXAMPLES, 'image-tagging.workflow.json'), 'utf8'),
			);
			// Where the README tells a user to put the images: n8n 2.x reads only its files folder.
			fs.cpSync(path.join(EXAMPLES, 'images'), path.join(sandbox.filesFolder, 'vision-chat'), {
				recursive: true,
			});
			const images = fs.readdirSync(path.join(EXAMPLES, 'images'));
			const workflow = { ...example };
			delete workflow.id;
			delete workflow.active;
			const id = await createWorkflow(workflow);
			await inEditor('example-failure.png', async (page) => {
				await page.goto(`${url}/workflow/${id}`);
				await page.getByText('Tag image', { exact: true }).first().waitFor({ timeout: 60_000 });
				await page.locator('[data-test-id="execute-workflow-button"]').first().click();
				for (
					let waited = 0;
					server.completions.length < images.length && waited < 30_000;
					waited += 200
				) {
					await page.waitForTimeout(200);
				}
				expect(server.completions).toHaveLength(images.length);
				await page.locator('[data-test-id="canvas-node"][data-node-name="Tag image"]').dblclick();
				const output = page.locator('[data-test-id="output-panel"]');
				await output.getByText('fileName').first().waitFor({ timeout: 30_000 });
				const columns = (await output.locator('th').allTextContents())
					.map((text) => text.trim())
					.filter(Boolean);
				await page.screenshot({ path: shot('run-example.png') });
				// The answer's columns first, the file's after them.
				expect(columns[0]).toBe('content');
				expect(columns.indexOf('fileName')).toBeGreaterThan(columns.indexOf('finish_reason'));
				expect(await output.textContent()).toContain(`${images.length} items`);
			});
			expect(
				fs.readFileSync(path.join(sandbox.filesFolder, 'vision-chat', 'tags.csv'), 'utf8'),
			).toContain('file,tags');
		});

		test('as an AI Agent tool, Prompt and Image URLs show that the model defines them', async () => {
			const id = await createWorkflow({
				name: 'Vision Chat as a tool',
				nodes: [
					{
						id: 'tool',
						name: 'Look at images',
						type: 'n8n-nodes-vision-chat.visionChatTool',
						typeVersion: 1.1,
						position: [0, 0],
						parameters: {},
						credentials: { visionChatApi: { id: 'visionChatDemo', name: 'Vision Chat (demo)' } },
					},
				],
				connections: {},
			});
			await inEditor('tool-failure.png', async (page) => {
				await page.goto(`${url}/workflow/${id}`);
				const tool = page.locator('[data-test-id="canvas-node"][data-node-name="Look at images"]');
				await tool.waitFor({ timeout: 60_000 });
				await tool.dblclick();
				const parameters = page.locator('[data-test-id="node-parameters"]');
				await parameters.waitFor({ timeout: 30_000 });
				await parameters.locator('[data-test-id="fromAI-override-field"]').first().waitFor();
				await page.screenshot({ path: shot('tool.png') });
				await expect(
					parameters.locator('[data-test-id="fromAI-override-field"]').count(),
				).resolves.toBe(2);
				expect(await parameters.textContent()).not.toContain('$fromAI');
				// The description the agent's model reads to decide when to call the tool.
				const boxes = await parameters
					.locator('textarea')
					.evaluateAll((elements) =>
						elements.map((element) => (element as unknown as { value: string }).value),
					);
				expect(boxes.join('\n')).toMatch(
					/Looks at images given by URL .* Call it when the answer depends on what an image shows\./,
				);
			});
		});

		test('options read well: whole numbers without decimals, labels that fit', async () => {
			const id = await createWorkflow({
				name: 'Vision Chat options',
				nodes: [
					{
						...visionChatNode({
							id: 'vision',
							name: 'Tag photo',
							position: [0, 0],
							parameters: {
								prompt: 'Tag',
								options: { timeout: 180, outputTokenPrice: 0.6 },
								limits: { imageMemoryMb: 256, maxImageSizeMb: 20 },
							},
						}),
						typeVersion: 1.1,
					},
				],
				connections: {},
			});
			await inEditor('options-failure.png', async (page) => {
				await page.goto(`${url}/workflow/${id}`);
				await page.locator('[data-test-id="canvas-node"][data-node-name="Tag photo"]').dblclick();
				const parameters = page.locator('[data-test-id="node-parameters"]');
				await parameters
					.getByText('Request Timeout (Seconds)')
					.first()
					.waitFor({ timeout: 30_000 });
				const valueOf = (name: string) =>
					parameters.locator(`[data-test-id="parameter-input-${name}"] input`).first().inputValue();
				await expect(valueOf('timeout')).resolves.toBe('180');
				await expect(valueOf('imageMemoryMb')).resolves.toBe('256');
				await expect(valueOf('maxImageSizeMb')).resolves.toBe('20');
				await expect(valueOf('outputTokenPrice')).resolves.toBe('0.6');
				const label = parameters.getByText('Output Price per 1M Tokens', { exact: true }).first();
				// Not cut off: the label is as wide as its text needs.
				await expect(
					label.evaluate((element) => element.scrollWidth <= element.clientWidth),
				).resolves.toBe(true);
				await page.screenshot({ path: shot('options.png') });
			});
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
			const id = await createWorkflow({
				name: 'Vision Chat run in the editor',
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
			});
			await inEditor('run-failure.png', async (page) => {
				const outputOf = async (node: string, screenshot: string) => {
					await page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`).dblclick();
					const output = page.locator('[data-test-id="output-panel"]');
					await output.getByText('finish_reason').or(output.getByText('hint')).first().waitFor();
					const text = (await output.textContent()) ?? '';
					await page.screenshot({ path: shot(screenshot) });
					await page.keyboard.press('Escape');
					return text;
				};
				await page.goto(`${url}/workflow/${id}`);
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
				// n8n's logs panel, opened, sums the tokens of the items' tokenUsage.
				await page.getByText('Logs', { exact: true }).first().click();
				const logs = page.locator('[data-test-id="logs-overview"]');
				await logs
					.getByText(/Tokens/i)
					.first()
					.waitFor({ timeout: 15_000 });
				await page.screenshot({ path: shot('logs.png') });
				await expect(logs.textContent()).resolves.toMatch(/\d+\s*Tokens/i);
			});
		});

		test('a mistake in the settings is one error about the node, before any request, with a capital letter and no item label, even with several items', async () => {
			const id = await createWorkflow({
				name: 'Vision Chat settings mistake',
				nodes: [
					MANUAL_TRIGGER,
					...itemsFrom('Photos', [150, 0], { photo: ['a', 'b', 'c'] }),
					{
						...visionChatNode({
							id: 'vision',
							name: 'Tag photo',
							position: [450, 0],
							parameters: {
								prompt: 'Tag',
								binaryImages: 'none',
								responseFormat: 'json_schema',
								jsonSchema: '{"type": "object",',
							},
						}),
						typeVersion: 1.1,
					},
				],
				connections: {
					Start: { main: [[{ node: 'Photos values', type: 'main', index: 0 }]] },
					'Photos values': { main: [[{ node: 'Photos split', type: 'main', index: 0 }]] },
					'Photos split': { main: [[{ node: 'Tag photo', type: 'main', index: 0 }]] },
				},
			});
			await inEditor('settings-failure.png', async (page) => {
				await page.goto(`${url}/workflow/${id}`);
				await page.getByText('Tag photo', { exact: true }).first().waitFor({ timeout: 60_000 });
				await page.locator('[data-test-id="execute-workflow-button"]').first().click();
				await page.locator('[data-test-id="canvas-node"][data-node-name="Tag photo"]').dblclick();
				const output = page.locator('[data-test-id="output-panel"]');
				await output
					.getByText('JSON Schema: is not valid JSON')
					.first()
					.waitFor({ timeout: 30_000 });
				await page.screenshot({ path: shot('settings-error.png') });
				expect(await output.textContent()).not.toMatch(/\[item \d+\]/);
				expect(server.completions).toHaveLength(0);
			});
		});
	},
);
