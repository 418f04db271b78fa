/**
 * The package inside the real n8n (1.x on Node 20, 2.x on Node 24), installed from npm: the
 * example workflows run with n8n's CLI against the schema-checking test server, and n8n's REST
 * API shows the node, its icon, its credential test and its model list.
 */
import fs from 'fs';
import path from 'path';

import {
	MODELS,
	OpenAiTestServer,
	apiError,
	completionFor,
	userParts,
} from '../../server/openAiServer';
import type { Reply } from '../../server/openAiServer';
import { decodeDataUrl, makePng, pdfBytes } from '../../support/images';
import {
	DEMO_CREDENTIAL,
	MANUAL_TRIGGER,
	N8N_VERSIONS,
	N8nRest,
	N8nSandbox,
	ROOT,
	itemsFrom,
	visionChatNode,
} from '../n8n';

jest.setTimeout(240_000);

const examples = path.join(ROOT, 'examples');
const imageFiles = fs.readdirSync(path.join(examples, 'images')).sort();

describe.each(N8N_VERSIONS.map((version, index) => ({ ...version, port: 15801 + index })))(
	'$label',
	(version) => {
		const server = new OpenAiTestServer();
		let sandbox: N8nSandbox;

		beforeAll(async () => {
			await server.start();
			sandbox = new N8nSandbox(version);
			await sandbox.setUpExamples({
				apiKey: server.apiKey,
				baseUrl: `${server.url}/v1`,
				extraHeaders: '{"X-Title": "n8n e2e"}',
			});
		});
		afterAll(async () => {
			await sandbox?.stop();
			await server.stop();
			sandbox?.cleanUp();
		});
		beforeEach(() => server.reset());
		// The examples as a user who installed the package from n8n finds them: in the package.
		const readExample = (name: string) =>
			JSON.parse(fs.readFileSync(path.join(sandbox.packageFolder, 'examples', name), 'utf8'));
		/** An example imported as it is from the installed package, and run once. */
		const runExample = async (name: string) => {
			const workflow = readExample(name);
			await sandbox.importWorkflow(workflow);
			return { workflow, result: await sandbox.execute(workflow.id) };
		};
		/** The lines of a CSV file an example wrote into the files folder (n8n starts it with a BOM). */
		const csvLines = (name: string) =>
			fs
				.readFileSync(path.join(sandbox.filesFolder, 'vision-chat', name), 'utf8')
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\n');
		/** Two PNGs and a PDF in a folder of the files folder, and the Read Files node that reads them. */
		/** Two PNGs (and a PDF) in a folder of the files folder, and the Read Files node that reads them. */
		const filesToRead = (name: string, { pdf }: { pdf: boolean }) => {
			const folder = path.join(sandbox.filesFolder, name);
			fs.mkdirSync(folder, { recursive: true });
			fs.writeFileSync(path.join(folder, 'a.png'), makePng(2, 2, 1));
			fs.writeFileSync(path.join(folder, 'b.png'), makePng(2, 2, 2));
			if (pdf) fs.writeFileSync(path.join(folder, 'invoice.pdf'), pdfBytes);
			return {
				id: 'read',
				name: 'Read files',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [220, 0],
				parameters: { operation: 'read', fileSelector: `.n8n-files/${name}/*`, options: {} },
			};
		};
		const twoImagesAndPdf = (name: string) => filesToRead(name, { pdf: true });
		const twoImages = (name: string) => filesToRead(name, { pdf: false });
		afterEach(() => {
			expect(server.invalidReplies).toEqual([]);
			for (const request of server.completions) expect(request.schemaErrors).toEqual([]);
		});

		test('image tagging example: binary images with a JSON schema, tags written to a CSV file', async () => {
			const { result } = await runExample('image-tagging.workflow.json');
			expect(result.error).toBeUndefined();
			// n8n 2.x reads only its files folder and reports success with 0 items elsewhere.
			expect(result.runData['Read images'][0].data.main[0]).toHaveLength(imageFiles.length);

			expect(server.completions).toHaveLength(imageFiles.length);
			const sentImages = server.completions.map((request) => {
				expect(request.headers.authorization).toBe(`Bearer ${server.apiKey}`);
				expect(request.headers['x-title']).toBe('n8n e2e');
				expect(request.body.response_format.type).toBe('json_schema');
				expect(request.body.response_format.json_schema.name).toBe('image_tags');
				const [text, image] = userParts(request.body);
				expect(text.type).toBe('text');
				expect(image.image_url.detail).toBe('low');
				return decodeDataUrl(image.image_url.url);
			});
			const expected = imageFiles.map((file) =>
				fs.readFileSync(path.join(examples, 'images', file)),
			);
			expect(sentImages.map((image) => image.mimeType)).toEqual(imageFiles.map(() => 'image/png'));
			expect(sentImages.map((image) => image.bytes).sort(Buffer.compare)).toEqual(
				expected.sort(Buffer.compare),
			);

			const tagged = result.runData['Tag image'][0].data.main[0];
			expect(tagged).toHaveLength(imageFiles.length);
			for (const item of tagged) {
				expect(item.json.parsed).toEqual({
					caption: 'a test image (1 seen)',
					tags: ['image-1'],
					confidence: 0.9,
				});
				expect(item.json.usage.total_tokens).toBe(19);
				// Simplify Output: no copy of the answer in choices; Include Input Fields: the file's name.
				expect(item.json).not.toHaveProperty('choices');
				expect(imageFiles).toContain(item.json.fileName);
			}
			const csv = csvLines('tags.csv');
			expect(csv[0]).toBe('file,tags,caption,confidence,tokens');
			expect(csv.slice(1).sort()).toEqual(
				imageFiles.map((file) => `${file},image-1,a test image (1 seen),0.9,19`),
			);
		});

		test('receipt fields example: each receipt a row of its fields, each line item a row, as imported', async () => {
			const { result } = await runExample('receipt-fields.workflow.json');
			expect(result.error).toBeUndefined();
			const receipts = fs.readdirSync(path.join(examples, 'receipts')).sort();
			expect(server.completions).toHaveLength(receipts.length);
			for (const request of server.completions) {
				expect(request.body.response_format).toMatchObject({
					type: 'json_schema',
					json_schema: { name: 'fields', strict: true },
				});
				const { schema } = request.body.response_format.json_schema;
				expect(schema.required).toEqual([
					'vendor',
					'date',
					'total',
					'currency',
					'paymentMethod',
					'items',
				]);
				expect(schema.properties.paymentMethod.enum).toEqual(['cash', 'card', 'other', null]);
			}
			const read = result.runData['Read the receipt'][0].data.main[0];
			expect(read.map((item: any) => item.json.fileName).sort()).toEqual(receipts);
			for (const item of read) {
				// The fields are the item's own: no "parsed", no "content".
				expect(item.json).toMatchObject({
					vendor: 'vendor of the image',
					date: '2024-03-01',
					total: 12.5,
					currency: 'EUR',
					items: [{ name: 'name of the image', quantity: 12.5, price: 12.5 }],
				});
				expect(item.json).not.toHaveProperty('parsed');
				expect(item.json).not.toHaveProperty('content');
			}
			const rows = csvLines('receipts.csv');
			expect(rows[0]).toBe('file,vendor,date,total,currency,lines');
			expect(rows.slice(1).sort()).toEqual(
				receipts.map((file) => `${file},vendor of the image,2024-03-01,12.5,EUR,1`),
			);
			const lines = csvLines('line-items.csv');
			expect(lines[0]).toBe('file,vendor,date,item,quantity,price,currency');
			expect(lines.slice(1).sort()).toEqual(
				receipts.map(
					(file) => `${file},vendor of the image,2024-03-01,name of the image,12.5,12.5,EUR`,
				),
			);
		});

		test('invoice fields example: PDFs from the files folder as file parts, one row per invoice, as imported', async () => {
			const { result } = await runExample('invoice-fields.workflow.json');
			expect(result.error).toBeUndefined();
			const invoices = fs.readdirSync(path.join(examples, 'invoices')).sort();
			expect(server.completions).toHaveLength(invoices.length);
			const sent = server.completions.map((request) => {
				const [text, document] = request.body.messages[0].content;
				expect(text).toEqual({ type: 'text', text: 'Read this invoice.' });
				expect(document.type).toBe('file');
				return document.file;
			});
			expect(sent.map((file) => file.filename).sort()).toEqual(invoices);
			for (const file of sent) {
				expect(decodeDataUrl(file.file_data)).toEqual({
					mimeType: 'application/pdf',
					bytes: fs.readFileSync(path.join(examples, 'invoices', file.filename)),
				});
			}
			const rows = csvLines('invoices.csv');
			expect(rows[0]).toBe('file,vendor,number,date,due,currency,tax,total');
			expect(rows.slice(1).sort()).toEqual(
				invoices.map(
					(file) =>
						`${file},vendor of the image,invoiceNumber of the image,2024-03-01,2024-03-01,EUR,12.5,12.5`,
				),
			);
		});

		test('batch tagging example: 200 images submitted as a batch, the Not Ready loop taken, every image answered once', async () => {
			// 197 more images beside the 3 samples, where the example reads them.
			const folder = path.join(sandbox.filesFolder, 'vision-chat');
			const extra = Array.from({ length: 197 }, (_, index) => `extra-${index}.png`);
			extra.forEach((name, index) =>
				fs.writeFileSync(path.join(folder, name), makePng(3, 3, index)),
			);
			const workflow = readExample('batch-tagging.workflow.json');
			// A Wait of seconds, not the example's minutes; the batch takes longer than one Wait.
			workflow.nodes.find((node: any) => node.name === 'Wait').parameters = {
				amount: 2,
				unit: 'seconds',
			};
			server.batchApi.delayMs = 3000;
			try {
				await sandbox.importWorkflow(workflow);
				const result = await sandbox.execute(workflow.id);
				expect(result.error).toBeUndefined();
				expect(server.completions).toHaveLength(0);
				expect(server.batchApi.lines).toHaveLength(200);
				for (const line of server.batchApi.lines) expect(line.schemaErrors).toEqual([]);
				const runs = result.runData['Get results'];
				// First look: not ready, back to the Wait; second: all 200 answered.
				expect(runs.length).toBeGreaterThanOrEqual(2);
				expect(runs[0].data.main[1]).toHaveLength(200);
				const answered = runs.flatMap((run: any) => run.data.main[0]);
				expect(answered).toHaveLength(200);
				const files = answered.map((item: any) => item.json.fileName).sort();
				expect(files).toEqual([...imageFiles, ...extra].sort());
				for (const item of answered) expect(item.json.parsed.tags).toEqual(['image-1']);
			} finally {
				for (const name of extra) fs.rmSync(path.join(folder, name));
			}
		});

		const totalFields = {
			responseFormat: 'fields',
			fields: { field: [{ name: 'vendor' }, { name: 'total', type: 'number' }] },
		};

		test('a Fields run into Convert to File > CSV: the fields first, the token counts once, then the input', async () => {
			const workflow = {
				id: 'visionChatFieldsCsv',
				name: 'Vision Chat: Fields to CSV',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					MANUAL_TRIGGER,
					twoImages('fields-csv'),
					visionChatNode({
						id: 'fields',
						name: 'Read totals',
						position: [440, 0],
						typeVersion: 1.1,
						parameters: { prompt: 'Read the total', ...totalFields },
					}),
					{
						id: 'csv',
						name: 'To CSV',
						type: 'n8n-nodes-base.convertToFile',
						typeVersion: 1.1,
						position: [660, 0],
						parameters: { operation: 'csv', binaryPropertyName: 'data', options: {} },
					},
					{
						id: 'write',
						name: 'Write CSV',
						type: 'n8n-nodes-base.readWriteFile',
						typeVersion: 1,
						position: [880, 0],
						parameters: {
							operation: 'write',
							fileName: '.n8n-files/vision-chat/totals.csv',
							dataPropertyName: 'data',
							options: {},
						},
					},
				],
				connections: {
					Start: { main: [[{ node: 'Read files', type: 'main', index: 0 }]] },
					'Read files': { main: [[{ node: 'Read totals', type: 'main', index: 0 }]] },
					'Read totals': { main: [[{ node: 'To CSV', type: 'main', index: 0 }]] },
					'To CSV': { main: [[{ node: 'Write CSV', type: 'main', index: 0 }]] },
				},
			};
			await sandbox.importWorkflow(workflow);
			const result = await sandbox.execute(workflow.id);
			expect(result.error).toBeUndefined();
			const inputFields = Object.keys(result.runData['Read files'][0].data.main[0][0].json);
			const [header, ...rows] = csvLines('totals.csv');
			expect(header.split(',')).toEqual([
				'vendor',
				'total',
				'tokenUsage.promptTokens',
				'tokenUsage.completionTokens',
				'tokenUsage.totalTokens',
				...inputFields,
			]);
			expect(rows).toHaveLength(2);
		});

		test('Submit today, Get Results by Batch ID in another workflow: one row per image, in order, named by its file, the fields as columns', async () => {
			const submit = {
				id: 'visionChatBatchSubmitFields',
				name: 'Vision Chat Batch: submit receipts',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					MANUAL_TRIGGER,
					twoImages('batch-by-id'),
					{
						...visionChatNode({
							id: 'submit',
							name: 'Submit',
							position: [440, 0],
							parameters: { operation: 'submit', prompt: 'Read the total', ...totalFields },
						}),
						type: 'n8n-nodes-vision-chat.visionChatBatch',
					},
				],
				connections: {
					Start: { main: [[{ node: 'Read files', type: 'main', index: 0 }]] },
					'Read files': { main: [[{ node: 'Submit', type: 'main', index: 0 }]] },
				},
			};
			await sandbox.importWorkflow(submit);
			const submitted = await sandbox.execute(submit.id);
			expect(submitted.error).toBeUndefined();
			const [first] = submitted.runData.Submit[0].data.main[0];
			expect(Object.keys(first.json)[0]).toBe('batch');
			expect(first.json.batch).not.toHaveProperty('schema');
			const collect = {
				id: 'visionChatBatchById',
				name: 'Vision Chat Batch: collect by ID',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					MANUAL_TRIGGER,
					{
						...visionChatNode({
							id: 'results',
							name: 'Get results',
							position: [220, 0],
							parameters: {
								operation: 'getResults',
								batchFrom: 'batchId',
								batchId: first.json.batch.id,
							},
						}),
						type: 'n8n-nodes-vision-chat.visionChatBatch',
					},
				],
				connections: { Start: { main: [[{ node: 'Get results', type: 'main', index: 0 }]] } },
			};
			await sandbox.importWorkflow(collect);
			const collected = await sandbox.execute(collect.id);
			expect(collected.error).toBeUndefined();
			const rows = collected.runData['Get results'][0].data.main[0].map((item: any) => item.json);
			expect(rows.map((row: any) => row.customId)).toEqual(['0-a.png', '1-b.png']);
			for (const row of rows) {
				expect(Object.keys(row).slice(0, 3)).toEqual(['vendor', 'total', 'tokenUsage']);
				expect(typeof row.total).toBe('number');
				expect(row).not.toHaveProperty('notices');
			}
		});

		test('URL images example: several URL images in one request with detail low', async () => {
			const { workflow, result } = await runExample('url-images.workflow.json');
			expect(result.error).toBeUndefined();
			expect(server.completions).toHaveLength(1);
			const parts = userParts(server.completions[0].body);
			expect(parts[0].text).toBe('Which of these images shows a cat, and what is in the others?');
			expect(parts.slice(1).map((part) => part.image_url.detail)).toEqual(['low', 'low', 'low']);
			expect(parts.slice(1).map((part) => part.image_url.url)).toEqual(
				workflow.nodes[1].parameters.jsonOutput &&
					JSON.parse(workflow.nodes[1].parameters.jsonOutput).urls,
			);
			const [item] = result.runData['Compare images'][0].data.main[0];
			expect(item.json.content).toBe(
				'Choice 0: saw 3 image(s) for "Which of these images shows a cat, and what is in the others?"',
			);
			expect(item.json.usage).toEqual({
				prompt_tokens: 14,
				completion_tokens: 7,
				total_tokens: 21,
			});
		});

		test("a versioned API root without /v1 (Zhipu's /api/paas/v4) is called as typed; n8n 2.x counts the tokens", async () => {
			await sandbox.importCredential({
				id: 'visionChatZhipu',
				name: 'Vision Chat (Zhipu-style root)',
				type: 'visionChatApi',
				data: { apiKey: server.apiKey, baseUrl: `${server.url}/api/paas/v4/` },
			});
			const workflow = {
				id: 'visionChatVersionedRoot',
				name: 'Vision Chat: versioned API root',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					MANUAL_TRIGGER,
					visionChatNode({
						id: 'glm',
						name: 'Describe',
						position: [220, 0],
						parameters: {
							model: { __rl: true, mode: 'id', value: 'glm-4.5v' },
							prompt: 'What is in the picture?',
							binaryImages: 'none',
							imageUrls: 'https://example.com/cat.jpg',
						},
						credential: { id: 'visionChatZhipu', name: 'Vision Chat (Zhipu-style root)' },
					}),
				],
				connections: { Start: { main: [[{ node: 'Describe', type: 'main', index: 0 }]] } },
			};
			await sandbox.importWorkflow(workflow);
			const result = await sandbox.execute(workflow.id);
			expect(result.error).toBeUndefined();
			expect(server.completions.map((request) => request.path)).toEqual([
				'/api/paas/v4/chat/completions',
			]);
			const [run] = result.runData.Describe;
			const { usage } = run.data.main[0][0].json;
			expect(usage.prompt_tokens).toBeGreaterThan(0);
			// n8n 2.x's token-usage accounting for nodes; n8n 1.x has none.
			expect(run.metadata?.tokenUsage).toEqual(
				version.label === 'n8n 1.x'
					? undefined
					: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens },
			);
		});

		test('a run whose API echoes the key and whose connection breaks stores the key nowhere', async () => {
			server.script = (request) => {
				const prompt = userParts(request.body)[0]?.text;
				if (prompt === 'echo') {
					return {
						kind: 'json',
						status: 400,
						body: apiError(`Bad header: ${request.headers.authorization}`),
					};
				}
				return prompt === 'reset' ? { kind: 'reset' } : undefined;
			};
			const visionChat = (name: string, prompt: string, x: number) =>
				visionChatNode({
					id: `secret-${prompt}`,
					name,
					position: [x, 0],
					onError: 'continueRegularOutput',
					parameters: { prompt, binaryImages: 'none', options: { maxRetries: 0 } },
				});
			const workflow = {
				id: 'visionChatSecrets',
				name: 'Vision Chat: failures keep no key',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					MANUAL_TRIGGER,
					visionChat('Echoing API', 'echo', 220),
					visionChat('Broken connection', 'reset', 440),
				],
				connections: {
					Start: { main: [[{ node: 'Echoing API', type: 'main', index: 0 }]] },
					'Echoing API': { main: [[{ node: 'Broken connection', type: 'main', index: 0 }]] },
				},
			};
			await sandbox.importWorkflow(workflow);
			const result = await sandbox.execute(workflow.id);
			const errorOf = (node: string) => result.runData[node][0].data.main[0][0].json.error;
			expect(errorOf('Echoing API')).toBe('The API answered 400: Bad header: Bearer *** [item 0]');
			expect(errorOf('Broken connection')).toBe(
				'The connection to the API failed (ECONNRESET: socket hang up) [item 0]',
			);
			expect(server.completions).toHaveLength(2);
			// The execution is stored (its redacted error is in the user folder); the key is not.
			expect(sandbox.filesContaining('Bad header: Bearer ***').length).toBeGreaterThan(0);
			expect(sandbox.filesContaining(server.apiKey)).toEqual([]);
			expect(result.raw).not.toContain(server.apiKey);
			expect(sandbox.serverLog).not.toContain(server.apiKey);
		});

		describe('On Error at Stop Workflow (the default): nothing is paid for that n8n drops', () => {
			test('300 items, item 0 refused for good: the first round (4) is sent, nothing after it, the node fails naming item 0', async () => {
				// Item 0 is answered with a refusal; the other three of the first round never are, and
				// end by Request Timeout: a request sent after the failure would be held the same way.
				server.holdAnswers = true;
				server.script = (request) =>
					userParts(request.body)[0].text === 'item 0'
						? {
								kind: 'json',
								status: 400,
								body: apiError('Invalid model: gpt-4o-mini-typo', 'invalid_request_error'),
							}
						: undefined;
				const workflow = {
					id: 'visionChatStopsPaying',
					name: 'Vision Chat: a failed run stops paying',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						MANUAL_TRIGGER,
						...itemsFrom('Many', [220, 0], {
							name: Array.from({ length: 300 }, (_, index) => `item ${index}`),
						}),
						visionChatNode({
							id: 'stops',
							name: 'Stops',
							position: [520, 0],
							parameters: {
								prompt: '={{ $json.name }}',
								binaryImages: 'none',
								// No retry: a loaded machine may take longer than the timeout to fail the run.
								options: { timeout: 3, maxRetries: 0 },
							},
						}),
					],
					connections: {
						Start: { main: [[{ node: 'Many values', type: 'main', index: 0 }]] },
						'Many values': { main: [[{ node: 'Many split', type: 'main', index: 0 }]] },
						'Many split': { main: [[{ node: 'Stops', type: 'main', index: 0 }]] },
					},
				};
				await sandbox.importWorkflow(workflow);
				const running = sandbox.execute(workflow.id);
				const started = Date.now();
				while (server.heldCount < 4) {
					if (Date.now() - started > 120_000) throw new Error('the first round never came');
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
				server.releaseHeldWhere((request) => userParts(request.body)[0].text === 'item 0');
				const result = await running;
				expect(result.error?.message).toBe(
					'The API answered 400: Invalid model: gpt-4o-mini-typo [item 0]',
				);
				expect(server.completions.map((request) => userParts(request.body)[0].text).sort()).toEqual(
					['item 0', 'item 1', 'item 2', 'item 3'],
				);
			});

			test('two PNGs and a PDF to an API not known to take PDFs: no request at all, the error names the PDF item and the option', async () => {
				const readFiles = twoImagesAndPdf('stop-pdf');
				const workflow = {
					id: 'visionChatStopsOnPdf',
					name: 'Vision Chat: a PDF the API does not take, before anything is sent',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						MANUAL_TRIGGER,
						readFiles,
						visionChatNode({
							id: 'pdf',
							name: 'Tag files',
							position: [440, 0],
							parameters: { prompt: '=Tag {{ $json.fileName }}' },
						}),
					],
					connections: {
						Start: { main: [[{ node: 'Read files', type: 'main', index: 0 }]] },
						'Read files': { main: [[{ node: 'Tag files', type: 'main', index: 0 }]] },
					},
				};
				await sandbox.importWorkflow(workflow);
				const result = await sandbox.execute(workflow.id);
				// The files come in the folder's order.
				const read = result.runData['Read files'][0].data.main[0];
				const pdfItem = read.findIndex((item: any) => item.binary.data.fileName === 'invoice.pdf');
				expect(result.error?.message).toBe(
					`Documents: it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images [item ${pdfItem}]`,
				);
				expect(server.completions).toHaveLength(0);
			});
		});

		describe("On Error > Continue (using error output): every failure on n8n's error branch, at the defaults", () => {
			const errorOutput = {
				typeVersion: 1.1,
				onError: 'continueErrorOutput' as const,
			};
			const outputs = (result: { runData: any }, node: string) =>
				result.runData[node][0].data.main.map((items: any[] | null) =>
					(items ?? []).map((item) => item.json),
				);

			test('two images and a PDF (Include Input Fields on and off), an API refusal, a timeout, an answer not JSON; a Prompt and one Image URL alone is answered', async () => {
				const readFiles = twoImagesAndPdf('error-output');
				server.script = (request) => {
					const prompt = userParts(request.body)[0]?.text;
					if (prompt === 'refuse') {
						return {
							kind: 'json',
							status: 400,
							body: apiError('Invalid image: the file is corrupt.'),
						};
					}
					if (prompt === 'timeout') return { kind: 'drip', intervalMs: 500 };
					if (prompt === 'not json') {
						return {
							kind: 'json',
							status: 200,
							body: completionFor(request.body, () => '{"tags": ['),
						};
					}
					return undefined;
				};
				const files = (name: string, y: number, options: object) =>
					visionChatNode({
						id: name.replace(/\W/g, '-'),
						name,
						position: [440, y],
						parameters: { prompt: '=Tag {{ $json.fileName }}', options },
						...errorOutput,
					});
				const workflow = {
					id: 'visionChatErrorOutput',
					name: 'Vision Chat: failures on the error output',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						MANUAL_TRIGGER,
						readFiles,
						files('Fields on', 0, {}),
						files('Fields off', 160, { includeInputFields: false }),
						...itemsFrom('Faults', [220, 320], { who: ['ok', 'refuse', 'timeout', 'not json'] }),
						visionChatNode({
							id: 'faults',
							name: 'API faults',
							position: [660, 320],
							parameters: {
								prompt: '={{ $json.who }}',
								imageUrls: 'https://example.com/cat.jpg',
								responseFormat: 'json_object',
								options: { timeout: 2, maxRetries: 0 },
							},
							...errorOutput,
						}),
						visionChatNode({
							id: 'url-only',
							name: 'URL only',
							position: [220, 480],
							typeVersion: 1.1,
							parameters: {
								prompt: 'What is in the picture?',
								imageUrls: 'https://example.com/cat.jpg',
							},
						}),
					],
					connections: {
						Start: {
							main: [
								[
									{ node: 'Read files', type: 'main', index: 0 },
									{ node: 'Faults values', type: 'main', index: 0 },
									{ node: 'URL only', type: 'main', index: 0 },
								],
							],
						},
						'Read files': {
							main: [
								[
									{ node: 'Fields on', type: 'main', index: 0 },
									{ node: 'Fields off', type: 'main', index: 0 },
								],
							],
						},
						'Faults values': { main: [[{ node: 'Faults split', type: 'main', index: 0 }]] },
						'Faults split': { main: [[{ node: 'API faults', type: 'main', index: 0 }]] },
					},
				};
				await sandbox.importWorkflow(workflow);
				const result = await sandbox.execute(workflow.id);
				expect(result.error).toBeUndefined();
				const pdfError = {
					error:
						'Documents: it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images [item 2]',
					message: 'Nothing was sent for this item.',
				};
				for (const node of ['Fields on', 'Fields off']) {
					const [answers, failed] = outputs(result, node);
					expect([node, answers.map((json: any) => json.content).sort()]).toEqual([
						node,
						[
							'Choice 0: saw 1 image(s) for "Tag a.png"',
							'Choice 0: saw 1 image(s) for "Tag b.png"',
						],
					]);
					expect(failed).toEqual([
						expect.objectContaining({ fileName: 'invoice.pdf', ...pdfError }),
					]);
				}
				expect(outputs(result, 'Fields on')[0][0].fileName).toMatch(/^[ab]\.png$/);
				expect(outputs(result, 'Fields off')[0][0].fileName).toBeUndefined();

				const [answered, failed] = outputs(result, 'API faults');
				expect(answered.map((json: any) => json.who)).toEqual(['ok']);
				expect(failed.map((json: any) => [json.who, json.error])).toEqual([
					['refuse', 'The API answered 400: Invalid image: the file is corrupt. [item 1]'],
					[
						'timeout',
						'The request timed out: no whole answer within 2 s (Options > Request Timeout) [item 2]',
					],
					['not json', 'The model\'s answer is not valid JSON: "{\\"tags\\": [" [item 3]'],
				]);
				for (const json of failed)
					expect(Object.keys(json).sort()).toEqual(['error', 'message', 'who']);

				expect(outputs(result, 'URL only')[0]).toEqual([
					expect.objectContaining({
						content: 'Choice 0: saw 1 image(s) for "What is in the picture?"',
					}),
				]);
			});

			test("Get Results: an expired batch's unanswered line goes to the error branch with its input", async () => {
				server.batchApi.expireAfterLines = 2;
				const urls = ['a', 'b', 'c'].map((name) => `https://example.com/${name}.png`);
				const workflow = {
					id: 'visionChatBatchErrorOutput',
					name: 'Vision Chat Batch: failures on the error output',
					active: false,
					settings: { executionOrder: 'v1' },
					nodes: [
						MANUAL_TRIGGER,
						...itemsFrom('Images', [220, 0], { url: urls }),
						{
							id: 'submit',
							name: 'Submit',
							type: 'n8n-nodes-vision-chat.visionChatBatch',
							typeVersion: 1,
							position: [660, 0],
							parameters: {
								model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
								prompt: 'Tag this image',
								imageUrls: '={{ $json.url }}',
							},
							credentials: { visionChatApi: DEMO_CREDENTIAL },
						},
						{
							id: 'results',
							name: 'Get Results',
							type: 'n8n-nodes-vision-chat.visionChatBatch',
							typeVersion: 1,
							position: [880, 0],
							onError: 'continueErrorOutput',
							parameters: { operation: 'getResults' },
							credentials: { visionChatApi: DEMO_CREDENTIAL },
						},
					],
					connections: {
						Start: { main: [[{ node: 'Images values', type: 'main', index: 0 }]] },
						'Images values': { main: [[{ node: 'Images split', type: 'main', index: 0 }]] },
						'Images split': { main: [[{ node: 'Submit', type: 'main', index: 0 }]] },
						Submit: { main: [[{ node: 'Get Results', type: 'main', index: 0 }]] },
					},
				};
				await sandbox.importWorkflow(workflow);
				const result = await sandbox.execute(workflow.id);
				expect(result.error).toBeUndefined();
				const [done, notReady, failed] = outputs(result, 'Get Results');
				expect(done.map((json: any) => json.url)).toEqual(urls.slice(0, 2));
				expect(notReady).toEqual([]);
				expect(failed).toEqual([
					{
						url: urls[2],
						batch: expect.any(Object),
						error:
							'Not answered: This request could not be executed before the completion window expired. [item 2]',
						message: 'Submit this item again.',
					},
				]);
			});
		});

		test('a misbehaving gateway costs one item: n8n lives on, its memory bounded by Max Answer Size', async () => {
			// The default Max Answer Size: the options below leave it as a user finds it.
			const MAX_ANSWER_MB = 64;
			const TIMEOUT_S = 3;
			const fenced = completionFor({ model: 'gpt-4o-mini' });
			fenced.choices[0].message.content = `\`\`\`json\n${' '.repeat(8000)}.`;
			const behaviours: Record<string, { reply: Reply; options?: object; format?: string }> = {
				flood: { reply: { kind: 'flood' } },
				'gzip bomb': { reply: { kind: 'gzipBomb', inflatedMb: 3072 } },
				'endless stream': { reply: { kind: 'endlessStream' }, options: { stream: true } },
				drip: { reply: { kind: 'drip', intervalMs: 200 } },
				'open fence': {
					reply: { kind: 'json', status: 200, body: fenced },
					format: 'json_object',
				},
				'deep nesting': {
					reply: { kind: 'raw', status: 200, text: `${'['.repeat(1e6)}${']'.repeat(1e6)}` },
				},
				'header flood': { reply: { kind: 'headerFlood', headerBytes: 14_000 } },
			};
			const names = Object.keys(behaviours);
			const workflow = {
				id: 'visionChatHostile',
				name: 'Vision Chat: misbehaving gateways',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					MANUAL_TRIGGER,
					...itemsFrom('Prompts', [220, 0], { who: ['hostile', 'normal'] }),
					...names.map((name, index) =>
						visionChatNode({
							id: `hostile-${index}`,
							name,
							position: [660, index * 160],
							onError: 'continueRegularOutput',
							parameters: {
								prompt: `={{ $json.who }}: ${name}`,
								binaryImages: 'none',
								...(behaviours[name].format && { responseFormat: behaviours[name].format }),
								options: {
									timeout: TIMEOUT_S,
									maxRetries: 0,
									...behaviours[name].options,
								},
							},
						}),
					),
				],
				connections: {
					Start: { main: [[{ node: 'Prompts values', type: 'main', index: 0 }]] },
					'Prompts values': { main: [[{ node: 'Prompts split', type: 'main', index: 0 }]] },
					'Prompts split': { main: [names.map((node) => ({ node, type: 'main', index: 0 }))] },
				},
			};
			await sandbox.importWorkflow(workflow);
			// The same run answered normally is the baseline of the memory growth.
			const normal = await sandbox.executeMeasured(workflow.id);
			expect(normal.error).toBeUndefined();
			server.reset();
			server.script = (request) => {
				const [who, name] = String(userParts(request.body)[0]?.text).split(': ');
				return who === 'hostile' ? behaviours[name].reply : undefined;
			};
			const run = await sandbox.executeMeasured(workflow.id);
			expect(run.error).toBeUndefined();
			const bound = 2 * MAX_ANSWER_MB + 24;
			// Peak RSS also counts memory V8 has freed but not yet collected, and when it collects
			// varies run to run (n8n 2.x measured 116 to 186 MB over the same runs): past the bound,
			// the run is measured once more and the lower peak counts. Memory that is really held
			// (an answer read without its bound) passes it in both.
			const again =
				run.peakRssMb - normal.peakRssMb < bound ? run : await sandbox.executeMeasured(workflow.id);
			const growthMb = Math.min(run.peakRssMb, again.peakRssMb) - normal.peakRssMb;
			console.log(
				`[${version.label}] misbehaving gateways: peak RSS ${run.peakRssMb.toFixed(0)} MB, ${growthMb.toFixed(0)} MB above the same run answered normally; ` +
					names.map((name) => `${name} ${run.runData[name][0].executionTime} ms`).join(', '),
			);
			for (const name of names) {
				const [first, second] = run.runData[name][0].data.main[0];
				// Headers within what Node.js reads are parsed in linear time, and the item is answered.
				const hostileAnswered = name === 'header flood';
				expect([name, typeof first.json.error]).toEqual([
					name,
					hostileAnswered ? 'undefined' : 'string',
				]);
				expect(second.json.content).toBe(
					behaviours[name].format
						? '{"caption":"a test image (0 seen)","tags":[],"confidence":0.9,"choice":0}'
						: `Choice 0: saw 0 image(s) for "normal: ${name}"`,
				);
				expect(run.runData[name][0].executionTime).toBeLessThan(TIMEOUT_S * 1000 + 1000);
			}
			expect(run.runData.flood[0].data.main[0][0].json.error).toBe(
				`The API's answer passed Max Answer Size (${MAX_ANSWER_MB} MB) and was not read further [item 0]`,
			);
			expect(run.runData.drip[0].data.main[0][0].json.error).toBe(
				`The request timed out: no whole answer within ${TIMEOUT_S} s (Options > Request Timeout) [item 0]`,
			);
			expect(growthMb).toBeLessThan(bound);
		});

		describe('REST API of a started n8n', () => {
			let rest: N8nRest;
			beforeAll(async () => {
				rest = new N8nRest(await sandbox.start(version.port));
				await rest.setUpOwner();
			});

			test('the node is listed with its icon, and the credential type too', async () => {
				const nodes = await rest.request('GET', '/types/nodes.json');
				const visionChat = nodes.json.find(
					(type: any) => type.name === 'n8n-nodes-vision-chat.visionChat',
				);
				expect(visionChat.displayName).toBe('Vision Chat');
				expect(visionChat.usableAsTool).toBeTruthy();
				// As an AI Agent's tool it tells the agent when to call it, not what API it calls.
				const tool = nodes.json.find(
					(type: any) => type.name === 'n8n-nodes-vision-chat.visionChatTool',
				);
				expect(tool.description).toMatch(/^Looks at images given by URL and answers a question/);
				const batchTool = nodes.json.find(
					(type: any) => type.name === 'n8n-nodes-vision-chat.visionChatBatchTool',
				);
				expect(batchTool.description).toMatch(/^Submits image URLs and a question as a batch/);
				const iconUrl: string = visionChat.iconUrl?.light ?? visionChat.iconUrl;
				expect(iconUrl).toMatch(/visionChat\.svg$/);
				const icon = await rest.request('GET', `/${iconUrl}`);
				expect(icon.status).toBe(200);
				expect(icon.text).toContain('<svg');
				const credentials = await rest.request('GET', '/types/credentials.json');
				expect(
					credentials.json.find((type: any) => type.name === 'visionChatApi')?.displayName,
				).toBe('Vision Chat API');
			});

			test('the credential test passes for a good key and fails for a bad one', async () => {
				const test = (apiKey: string) =>
					rest.request('POST', '/rest/credentials/test', {
						credentials: {
							id: 'visionChatDemo',
							name: 'Vision Chat (demo)',
							type: 'visionChatApi',
							data: { apiKey, baseUrl: server.url, extraHeaders: '{}' },
						},
					});
				expect((await test(server.apiKey)).json.data.status).toBe('OK');
				const bad = (await test('sk-wrong-key-123')).json.data;
				expect(bad.status).toBe('Error');
				// n8n 2.x shows the credential's own message for a 401; 1.x words it itself.
				expect(bad.message).toBe(
					version.label === 'n8n 1.x'
						? 'Authorization failed - please check your credentials'
						: 'The API did not accept the API Key (401): check the key, and that it belongs to the API at this Base URL',
				);
				// n8n sends a request that got a 401 once more before it gives up.
				expect(
					new Set(server.requests.map((request) => `${request.method} ${request.path}`)),
				).toEqual(new Set(['GET /v1/models']));
			});

			test('the model list of the node loads from the API', async () => {
				const response = await rest.request(
					'POST',
					'/rest/dynamic-node-parameters/resource-locator-results',
					{
						path: 'model',
						nodeTypeAndVersion: { name: 'n8n-nodes-vision-chat.visionChat', version: 1 },
						methodName: 'searchModels',
						currentNodeParameters: {},
						credentials: { visionChatApi: { id: 'visionChatDemo', name: 'Vision Chat (demo)' } },
					},
				);
				expect(response.json.data.results.map((result: any) => result.value)).toEqual(
					[...MODELS].sort((a, b) => a.localeCompare(b)),
				);
			});
		});
	},
);
