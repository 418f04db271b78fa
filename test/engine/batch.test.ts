/**
 * The Vision Chat Batch node through n8n-core's engine against the test server's Batch API:
 * a run of images submitted as a batch, its answers paired back to their own items.
 */
import { createHash } from 'crypto';

import { API_KEY, credentialsFor, everythingSaid, visionParameters } from '../support/fixtures';
import { decodeDataUrl, makePng } from '../support/images';
import {
	logLines,
	runAsAgentTool,
	runVisionChat,
	runVisionChatBatch,
	useTestServer,
} from './harness';
import type { InputItem } from './harness';

const server = useTestServer();
afterEach(() => {
	expect(server.invalidReplies).toEqual([]);
	for (const line of server.batchApi.lines) expect(line.schemaErrors).toEqual([]);
});

const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Items with a binary image each (even) or an image URL that names its own hash (odd). */
function imageItems(count: number): { items: InputItem[]; hashes: string[] } {
	const hashes: string[] = [];
	const items = Array.from({ length: count }, (_, index) => {
		const image = makePng(2 + (index % 7), 2 + (index % 5), index);
		hashes.push(hash(image));
		return index % 2 === 0
			? {
					json: { file: `image-${index}.png` },
					binary: { data: { data: image, mimeType: 'image/png', fileName: `image-${index}.png` } },
				}
			: { json: { file: `image-${index}.png`, url: `https://example.com/${hash(image)}.png` } };
	});
	return { items, hashes };
}

const submitParameters = (extra: Record<string, unknown> = {}) =>
	visionParameters({
		operation: 'submit',
		prompt: 'Tag {{ $json.file }}',
		binaryImages: '={{ $json.url ? "none" : "properties" }}',
		imageUrls: '={{ $json.url ?? "" }}',
		...extra,
	});

/** What the answer says it saw: the hash of the image the line carried. */
server.answer = (body: any) => {
	const image = body.messages.at(-1).content.find((part: any) => part.type === 'image_url');
	const url: string = image.image_url.url;
	return url.startsWith('data:')
		? hash(decodeDataUrl(url).bytes)
		: url.slice(url.lastIndexOf('/') + 1, -4);
};

/** Submit, then Get Results with `onError` (Stop Workflow when not given). */
async function submitAndCollect(
	items: InputItem[],
	parameters = submitParameters(),
	onError: { continueOnFail?: boolean; errorOutput?: boolean } = {},
) {
	const submitted = await runVisionChatBatch({
		items,
		parameters,
		credentials: credentialsFor(server),
	});
	expect(submitted.error).toBeUndefined();
	const results = await runVisionChatBatch({
		items: submitted.items.map(({ json }) => ({ json })),
		parameters: visionParameters({ operation: 'getResults' }),
		credentials: credentialsFor(server),
		...onError,
	});
	return { submitted, results };
}

test('200 images (binary and URL) go out as one batch and every answer comes back to its own item', async () => {
	const { items, hashes } = imageItems(200);
	const { submitted, results } = await submitAndCollect(items);
	expect(server.batchApi.batches.size).toBe(1);
	expect(server.batchApi.lines).toHaveLength(200);
	expect(server.completions).toHaveLength(0);
	expect(new Set(submitted.items.map(({ json }) => (json.batch as any).customId)).size).toBe(200);
	expect(results.error).toBeUndefined();
	expect(results.items).toHaveLength(200);
	// Paired by the image each line carried, not by order.
	results.items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.content).toBe(hashes[index]);
		expect(item.json.file).toBe(`image-${index}.png`);
	});
	expect(results.errorItems).toHaveLength(0);
});

test('a line of the batch is exactly the body Vision Chat sends for the same item', async () => {
	const { items } = imageItems(2);
	const parameters = submitParameters({
		systemMessage: 'You tag products.',
		modelParameters: { temperature: 0.3, maxTokens: 200, seed: 7, user: '' },
		responseFormat: 'json_object',
	});
	await runVisionChatBatch({ items, parameters, credentials: credentialsFor(server) });
	await runVisionChat({ items, parameters, credentials: credentialsFor(server) });
	// Live requests arrive in any order: compared as sets of bodies.
	const sorted = (bodies: unknown[]) => bodies.map((body) => JSON.stringify(body)).sort();
	const live = sorted(server.completions.map(({ body }) => body));
	expect(live).toHaveLength(2);
	expect(sorted(server.batchApi.lines.map(({ body }) => body))).toEqual(live);
});

test('a batch larger than Max File Size is split into several files and batches, each under it', async () => {
	const { items, hashes } = imageItems(40);
	const { results } = await submitAndCollect(
		items,
		submitParameters({ options: { maxFileSizeMb: 0.004 } }),
	);
	expect(server.batchApi.batches.size).toBeGreaterThan(1);
	for (const file of [...server.batchApi.files.values()].filter((f) => f.purpose === 'batch')) {
		expect(file.bytes).toBeLessThanOrEqual(0.004 * 1024 * 1024);
	}
	expect(results.items.map(({ json }) => json.content)).toEqual(hashes);
});

test('a batch still running sends its items to Not Ready with its status; once done, they are answered', async () => {
	server.batchApi.delayMs = 60_000;
	const { items } = imageItems(3);
	const submitted = await runVisionChatBatch({
		items,
		parameters: submitParameters(),
		credentials: credentialsFor(server),
	});
	const check = () =>
		runVisionChatBatch({
			items: submitted.items.map(({ json }) => ({ json })),
			parameters: visionParameters({ operation: 'getResults' }),
			credentials: credentialsFor(server),
		});
	const early = await check();
	expect(early.items).toHaveLength(0);
	expect(early.errorItems.map(({ json }) => json.batchStatus)).toEqual([
		'in_progress',
		'in_progress',
		'in_progress',
	]);
	expect(early.errorItems[0].json.requestCounts).toEqual({ total: 3, completed: 0, failed: 0 });
	server.batchApi.delayMs = 0;
	const late = await check();
	expect(late.items).toHaveLength(3);
	expect(late.errorItems).toHaveLength(0);
});

describe('failed lines and an expired batch', () => {
	const failSome = () => {
		server.batchApi.failLine = (customId) => customId.endsWith('-1');
		server.batchApi.expireAfterLines = 4;
		return imageItems(6);
	};
	const expired =
		'Not answered: This request could not be executed before the completion window expired.';

	test('stop Get Results naming the first failed item: no failure passes as an answer', async () => {
		const { results } = await submitAndCollect(failSome().items);
		expect(results.error.message).toBe(
			'The API answered 400: Invalid image: the file is corrupt. [item 1]',
		);
		expect(results.items).toEqual([]);
	});

	test('with Continue On Fail: error items for exactly those items; the others are answered', async () => {
		const { items, hashes } = failSome();
		const { results } = await submitAndCollect(items, submitParameters(), {
			continueOnFail: true,
		});
		const outcome = results.items.map(({ json }) => json.error ?? json.content);
		expect(outcome).toEqual([
			hashes[0],
			'The API answered 400: Invalid image: the file is corrupt. [item 1]',
			hashes[2],
			hashes[3],
			`${expired} [item 4]`,
			`${expired} [item 5]`,
		]);
		expect(results.items[1].json).toMatchObject({
			status: 400,
			apiMessage: 'Invalid image: the file is corrupt.',
		});
		expect(results.items[4].json).toMatchObject({
			file: 'image-4.png',
			status: null,
			batchStatus: 'expired',
			hint: 'Submit this item again.',
		});
	});

	test("with the error output: they go to n8n's error output with their input's fields", async () => {
		const { items, hashes } = failSome();
		const { results } = await submitAndCollect(items, submitParameters(), { errorOutput: true });
		const outputs = results.run.data.resultData.runData['Vision Chat Batch'][0].data!.main;
		expect(outputs[0]!.map(({ json }) => json.content)).toEqual([hashes[0], hashes[2], hashes[3]]);
		expect(outputs[1]).toEqual([]);
		expect(outputs[2]!.map(({ json }) => json)).toEqual([
			{
				file: 'image-1.png',
				url: expect.any(String),
				batch: expect.any(Object),
				error: 'The API answered 400: Invalid image: the file is corrupt. [item 1]',
				message:
					'The API refused the request: check that the model reads images and supports the options you set.',
			},
			{
				file: 'image-4.png',
				batch: expect.any(Object),
				error: `${expired} [item 4]`,
				message: 'Submit this item again.',
			},
			{
				file: 'image-5.png',
				url: expect.any(String),
				batch: expect.any(Object),
				error: `${expired} [item 5]`,
				message: 'Submit this item again.',
			},
		]);
	});
});

describe('an item that cannot go into the batch (no prompt and no image, a Custom ID used twice)', () => {
	const badItems = () => {
		const { items: images, hashes } = imageItems(4);
		const items = images.map((item, index) => {
			if (index === 1) return { json: { file: 'image-1.png', url: '' } };
			return index >= 2 ? { ...item, json: { ...item.json, id: 'same' } } : item;
		});
		return { items, hashes };
	};
	const parameters = submitParameters({
		prompt: '={{ $json.url === "" ? "" : "Tag " + $json.file }}',
		imageUrls: '={{ $json.url ?? "" }}',
		binaryImages: '={{ $json.url !== undefined ? "none" : "properties" }}',
		options: { customId: '={{ $json.id ?? $json.file }}' },
	});

	test('stops Submit with an error naming the item, before anything is uploaded', async () => {
		const result = await runVisionChatBatch({
			items: badItems().items,
			parameters,
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe('Prompt: is empty and the item sends no image [item 1]');
		expect(server.batchApi.files.size).toBe(0);
	});

	test('with Continue On Fail: it comes out as an error item, every other item is submitted and answered', async () => {
		const { items, hashes } = badItems();
		const submitted = await runVisionChatBatch({
			items,
			parameters,
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(submitted.error).toBeUndefined();
		expect(submitted.items.map(({ json }) => json.error ?? null)).toEqual([
			null,
			'Prompt: is empty and the item sends no image [item 1]',
			null,
			'Custom ID: "same" is used by an earlier item too [item 3]',
		]);
		expect(submitted.items[3].json).toMatchObject({
			file: 'image-3.png',
			hint: expect.any(String),
		});
		expect(server.batchApi.lines.map((line) => line.customId)).toEqual(['image-0.png', 'same']);

		const results = await runVisionChatBatch({
			items: [submitted.items[0], submitted.items[2]].map(({ json }) => ({ json })),
			parameters: visionParameters({ operation: 'getResults' }),
			credentials: credentialsFor(server),
		});
		expect(results.items.map(({ json }) => json.content)).toEqual([hashes[0], hashes[2]]);
	});

	test('with the error output: it goes there with its input, the others go on to the batch', async () => {
		const submitted = await runVisionChatBatch({
			items: badItems().items,
			parameters,
			credentials: credentialsFor(server),
			errorOutput: true,
		});
		const outputs = submitted.run.data.resultData.runData['Vision Chat Batch'][0].data!.main;
		expect(outputs[0]!.map(({ json }) => json.file)).toEqual(['image-0.png', 'image-2.png']);
		// Submit has one output; the error output comes after it.
		expect(outputs).toHaveLength(2);
		expect(outputs[1]!.map(({ json }) => [json.file, json.error])).toEqual([
			['image-1.png', 'Prompt: is empty and the item sends no image [item 1]'],
			['image-3.png', 'Custom ID: "same" is used by an earlier item too [item 3]'],
		]);
	});
});

describe('a batch the API fails to create after others were created (a fault mid-run)', () => {
	const split = (extra: Record<string, unknown> = {}) =>
		submitParameters({ options: { maxLinesPerFile: 2 }, ...extra });

	test('stops Submit, cancels the batches created before it and deletes the file it uploaded', async () => {
		server.batchApi.maxBatches = 1;
		const result = await runVisionChatBatch({
			items: imageItems(6).items,
			parameters: split(),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe(
			'Creating the batch: the API answered 500: The server had an error while processing your request.',
		);
		expect(result.error.description).toContain('The 1 batch(es) created before it were cancelled.');
		expect([...server.batchApi.batches.values()].map((batch) => batch.object.status)).toEqual([
			'cancelled',
		]);
		// Only the created batch's input and the files the cancel wrote remain: the failed upload is gone.
		const inputs = [...server.batchApi.files.values()].filter((file) => file.purpose === 'batch');
		expect(inputs).toHaveLength(1);
	});

	test('an item refused after a batch was created stops Submit and cancels that batch: none runs billed for nothing', async () => {
		const { items } = imageItems(6);
		// The last item has no prompt and no image: refused once the first file went out.
		items.push({ json: { file: '' } });
		const result = await runVisionChatBatch({
			items,
			parameters: split({
				prompt: '={{ $json.file ? "Tag " + $json.file : "" }}',
				binaryImages: '={{ $json.url || !$json.file ? "none" : "properties" }}',
			}),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe('Prompt: is empty and the item sends no image [item 6]');
		expect(server.batchApi.batches.size).toBeGreaterThan(0);
		expect(
			new Set([...server.batchApi.batches.values()].map((batch) => batch.object.status)),
		).toEqual(new Set(['cancelled']));
	});

	test('a batch it cannot cancel is named in the error, as one that may still run', async () => {
		server.batchApi.maxBatches = 1;
		server.batchApi.refusesCancel = true;
		const result = await runVisionChatBatch({
			items: imageItems(6).items,
			parameters: split(),
			credentials: credentialsFor(server),
		});
		const [created] = [...server.batchApi.batches.keys()];
		expect(result.error.description).toContain(
			`The batches created before it could not all be cancelled: ${created} may still run.`,
		);
	});

	test('with Continue On Fail: the items of that file are error items, the others are answered', async () => {
		server.batchApi.maxBatches = 1;
		const { items, hashes } = imageItems(6);
		const submitted = await runVisionChatBatch({
			items,
			parameters: split(),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(submitted.error).toBeUndefined();
		expect(submitted.items.map(({ json }) => (json.error ? 'failed' : 'submitted'))).toEqual([
			'submitted',
			'submitted',
			'failed',
			'failed',
			'failed',
			'failed',
		]);
		expect(submitted.items[2].json.error).toContain('Creating the batch: the API answered 500');
		const results = await runVisionChatBatch({
			items: submitted.items.slice(0, 2).map(({ json }) => ({ json })),
			parameters: visionParameters({ operation: 'getResults' }),
			credentials: credentialsFor(server),
		});
		expect(results.items.map(({ json }) => json.content)).toEqual(hashes.slice(0, 2));
	});
});

test('an answered line whose text is not the JSON its format asks for is an error item with the hint', async () => {
	const { items } = imageItems(2);
	const answer = server.answer;
	server.answer = () => '{"tags": [';
	const { results } = await submitAndCollect(
		items,
		submitParameters({ responseFormat: 'json_object', prompt: 'Tag as JSON: {{ $json.file }}' }),
		{ continueOnFail: true },
	).finally(() => (server.answer = answer));
	expect(results.items.map(({ json }) => json.error)).toEqual([
		'The model\'s answer is not valid JSON: "{\\"tags\\": [" [item 0]',
		'The model\'s answer is not valid JSON: "{\\"tags\\": [" [item 1]',
	]);
	expect(results.items[0].json.hint).toBe(
		'Ask for JSON in the prompt, or use the JSON Schema response format.',
	);
});

test.each([
	['POST /batches', () => (server.batchApi.servesBatches = false)],
	['POST /files', () => (server.batchApi.servesFiles = false)],
])(
	'a provider without a Batch API fails Submit clearly whichever request it refuses first (%s), names Vision Chat, and leaves no file behind',
	async (request, refuse) => {
		refuse();
		const { items } = imageItems(2);
		const result = await runVisionChatBatch({
			items,
			parameters: submitParameters(),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe(`This provider has no Batch API (${request} answered 404)`);
		expect(result.error.description).toContain('Use the Vision Chat node');
		expect(server.batchApi.files.size).toBe(0);
	},
);

test('the key is in no output, error or log of Submit and Get Results', async () => {
	const { items } = imageItems(4);
	server.batchApi.failLine = (customId) => customId.endsWith('-2');
	const { submitted, results } = await submitAndCollect(items);
	expect(everythingSaid(submitted, logLines)).not.toContain(API_KEY);
	expect(everythingSaid(results, logLines)).not.toContain(API_KEY);
	server.batchApi.servesBatches = false;
	const failed = await runVisionChatBatch({
		items,
		parameters: submitParameters(),
		credentials: credentialsFor(server),
	});
	expect(everythingSaid(failed, logLines)).not.toContain(API_KEY);
});

describe('Cancel', () => {
	const cancelParameters = visionParameters({ operation: 'cancel' });

	test('cancels the batch of the items from Submit once, and the items say its state', async () => {
		server.batchApi.delayMs = 60_000;
		const submitted = await runVisionChatBatch({
			items: imageItems(3).items,
			parameters: submitParameters(),
			credentials: credentialsFor(server),
		});
		const cancelled = await runVisionChatBatch({
			items: submitted.items.map(({ json }) => ({ json })),
			parameters: cancelParameters,
			credentials: credentialsFor(server),
		});
		expect(cancelled.error).toBeUndefined();
		const cancels = server.requests.filter((request) => request.path.endsWith('/cancel'));
		expect(cancels).toHaveLength(1);
		expect(cancelled.items.map(({ json }) => [json.file, json.batchStatus])).toEqual([
			['image-0.png', 'cancelled'],
			['image-1.png', 'cancelled'],
			['image-2.png', 'cancelled'],
		]);
	});

	test('an item that names no batch is its own error, and nothing is sent for it', async () => {
		const result = await runVisionChatBatch({
			items: [{ json: { file: 'stray.png' } }],
			parameters: cancelParameters,
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe(
			'Batch: the item has no batch ID under "batch": connect the output of Submit [item 0]',
		);
		expect(server.requests.filter((request) => request.path.includes('/batches'))).toEqual([]);
	});

	test('with Continue On Fail that item is an error item and the others are cancelled', async () => {
		server.batchApi.delayMs = 60_000;
		const submitted = await runVisionChatBatch({
			items: imageItems(1).items,
			parameters: submitParameters(),
			credentials: credentialsFor(server),
		});
		const result = await runVisionChatBatch({
			items: [{ json: { file: 'stray.png' } }, { json: submitted.items[0].json }],
			parameters: cancelParameters,
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.items.map(({ json }) => json.error ?? json.batchStatus)).toEqual([
			'Batch: the item has no batch ID under "batch": connect the output of Submit [item 0]',
			'cancelled',
		]);
	});
});

test("answered items carry the batch's final state, not the one of an earlier Not Ready pass", async () => {
	server.batchApi.delayMs = 60_000;
	const submitted = await runVisionChatBatch({
		items: imageItems(2).items,
		parameters: submitParameters(),
		credentials: credentialsFor(server),
	});
	const getResults = (items: Array<{ json: InputItem['json'] }>) =>
		runVisionChatBatch({
			items: items.map(({ json }) => ({ json })),
			parameters: visionParameters({ operation: 'getResults' }),
			credentials: credentialsFor(server),
		});
	const early = await getResults(submitted.items);
	expect(early.errorItems.map(({ json }) => json.batchStatus)).toEqual([
		'in_progress',
		'in_progress',
	]);
	server.batchApi.delayMs = 0;
	// The Not Ready items go back to Get Results, as the example's loop sends them.
	const late = await getResults(early.errorItems);
	expect(
		late.items.map(({ json }) => [json.batchStatus, (json.requestCounts as any)?.completed]),
	).toEqual([
		['completed', 2],
		['completed', 2],
	]);
});

describe('Get Results by Batch ID: collecting a batch another execution submitted', () => {
	const byId = (extra: Record<string, unknown> = {}) =>
		visionParameters({
			operation: 'getResults',
			batchFrom: 'batchId',
			batchId: '={{ $json.id }}',
			...extra,
		});

	test('every line of the batch comes out once, with its custom ID, however many items name it', async () => {
		const { items, hashes } = imageItems(4);
		const submitted = await runVisionChatBatch({
			items,
			parameters: submitParameters({ options: { customId: '={{ $json.file }}' } }),
			credentials: credentialsFor(server),
		});
		const id = (submitted.items[0].json.batch as any).id;
		const result = await runVisionChatBatch({
			items: [{ json: { id } }, { json: { id } }],
			parameters: byId(),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
		const byCustomId = Object.fromEntries(
			result.items.map(({ json }) => [
				json.customId,
				[json.content, json.batchId, json.batchStatus],
			]),
		);
		expect(byCustomId).toEqual(
			Object.fromEntries(
				hashes.map((hash, index) => [`image-${index}.png`, [hash, id, 'completed']]),
			),
		);
		expect(result.items.every(({ pairedItem }) => (pairedItem as any).item === 0)).toBe(true);
	});

	test("a batch still running goes to Not Ready with its ID; an empty ID is the item's error", async () => {
		server.batchApi.delayMs = 60_000;
		const submitted = await runVisionChatBatch({
			items: imageItems(1).items,
			parameters: submitParameters(),
			credentials: credentialsFor(server),
		});
		const id = (submitted.items[0].json.batch as any).id;
		const result = await runVisionChatBatch({
			items: [{ json: { id } }, { json: { id: '' } }],
			parameters: byId(),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.errorItems.map(({ json }) => [json.batchId, json.batchStatus])).toEqual([
			[id, 'in_progress'],
		]);
		expect(result.items.map(({ json }) => json.error)).toEqual([
			'Batch ID: is empty: give the ID Submit returned (batch.id), e.g. from a Data Table [item 1]',
		]);
	});

	test('a failed line is an error naming its custom ID; with Continue On Fail the other lines still come out, JSON parsed when asked', async () => {
		server.batchApi.failLine = (customId) => customId === 'image-1.png';
		const answer = server.answer;
		server.answer = () => '{"tags": ["a"]}';
		try {
			const submitted = await runVisionChatBatch({
				items: imageItems(3).items,
				parameters: submitParameters({
					responseFormat: 'json_object',
					prompt: 'Tag as JSON',
					options: { customId: '={{ $json.file }}' },
				}),
				credentials: credentialsFor(server),
			});
			const id = (submitted.items[0].json.batch as any).id;
			const stopped = await runVisionChatBatch({
				items: [{ json: { id } }],
				parameters: byId({ parseJson: true }),
				credentials: credentialsFor(server),
			});
			expect(stopped.error.message).toBe(
				'The API answered 400: Invalid image: the file is corrupt. (custom ID "image-1.png") [item 0]',
			);
			const result = await runVisionChatBatch({
				items: [{ json: { id } }],
				parameters: byId({ parseJson: true }),
				credentials: credentialsFor(server),
				continueOnFail: true,
			});
			// Answered lines in the output file's order, which need not be the input's.
			const rows = result.items.map(({ json }) => [
				json.customId ?? null,
				json.parsed ?? json.error,
			]);
			expect([...rows.slice(0, 2).sort(), rows[2]]).toEqual([
				['image-0.png', { tags: ['a'] }],
				['image-2.png', { tags: ['a'] }],
				[
					null,
					'The API answered 400: Invalid image: the file is corrupt. (custom ID "image-1.png") [item 0]',
				],
			]);
		} finally {
			server.answer = answer;
		}
	});
});

describe("as an AI Agent's tool: submit image URLs, then collect by the batch ID the agent kept", () => {
	const model = { __rl: true, mode: 'id', value: 'gpt-4o-mini' };
	const submitTool = {
		operation: 'submit',
		model,
		prompt: "={{ $fromAI('question', 'What to ask', 'string') }}",
		imageUrls: "={{ $fromAI('imageUrls', 'The image URLs', 'string') }}",
	};
	const getResultsTool = {
		operation: 'getResults',
		batchId: "={{ $fromAI('batchId', 'The batch ID', 'string') }}",
	};

	test('Submit gives the agent the batch ID; Get Results by that ID says it still runs, then answers', async () => {
		server.batchApi.delayMs = 60_000;
		const submitted = await runAsAgentTool({
			batch: true,
			parameters: submitTool,
			credentials: credentialsFor(server),
			toolArgs: { question: 'What is this?', imageUrls: 'https://example.com/abc.png' },
		});
		expect(submitted.toolError).toBeUndefined();
		const [item] = JSON.parse(submitted.toolAnswer as string);
		const { id } = item.batch;
		expect(
			server.batchApi.lines.map((line) => line.body.messages.at(-1).content[1].image_url.url),
		).toEqual(['https://example.com/abc.png']);
		const running = await runAsAgentTool({
			batch: true,
			parameters: getResultsTool,
			credentials: credentialsFor(server),
			toolArgs: { batchId: id },
		});
		expect(JSON.parse(running.toolAnswer as string)).toEqual([
			expect.objectContaining({ batchId: id, batchStatus: 'in_progress' }),
		]);
		server.batchApi.delayMs = 0;
		const done = await runAsAgentTool({
			batch: true,
			parameters: getResultsTool,
			credentials: credentialsFor(server),
			toolArgs: { batchId: id },
		});
		expect(JSON.parse(done.toolAnswer as string)).toEqual([
			expect.objectContaining({ batchId: id, content: 'abc', batchStatus: 'completed' }),
		]);
	});
});
