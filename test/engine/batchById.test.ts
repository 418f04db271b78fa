/**
 * Submit today, collect tomorrow: Get Results by Batch ID, in a workflow that knows nothing of the
 * submission, gives what Get Results from Submit's items gives, each row naming its input.
 */
import dns from 'dns';

import { credentialsFor, visionParameters } from '../support/fixtures';
import { makePng } from '../support/images';
import { answerText } from '../server/openAiServer';
import { runVisionChatBatch, useTestServer } from './harness';

const server = useTestServer();
const afterTest: Array<() => void> = [];
afterEach(() => {
	for (const undo of afterTest.splice(0)) undo();
	for (const line of server.batchApi.lines) expect(line.schemaErrors).toEqual([]);
});

const receiptFields = {
	field: [
		{ name: 'vendor', type: 'text' },
		{ name: 'total', type: 'number' },
		{ name: 'currency', type: 'oneOf', choices: 'EUR, USD' },
	],
};
const receipts = ['c.png', 'a.png', 'b.png'].map((fileName, index) => ({
	json: { fileName },
	binary: { data: { data: makePng(2, 2, index), mimeType: 'image/png', fileName } },
}));

async function submitReceipts() {
	const submitted = await runVisionChatBatch({
		items: receipts,
		parameters: visionParameters({
			operation: 'submit',
			prompt: 'Read this receipt',
			responseFormat: 'fields',
			fields: receiptFields,
		}),
		credentials: credentialsFor(server),
	});
	expect(submitted.error).toBeUndefined();
	return submitted;
}

/** Get Results by Batch ID, as a new workflow does with the pasted ID. */
async function resultsById(id: string) {
	const results = await runVisionChatBatch({
		items: [{ json: {} }],
		parameters: visionParameters({ operation: 'getResults', batchFrom: 'batchId', batchId: id }),
		credentials: credentialsFor(server),
	});
	expect(results.error).toBeUndefined();
	return results.items.map(({ json }) => json);
}

test("Submit's items say where each answer will be, batch ID first, without the schema", async () => {
	const submitted = await submitReceipts();
	const [first] = submitted.items.map(({ json }) => json);
	expect(Object.keys(first)).toEqual(['batch', 'fileName']);
	expect(first.batch).toEqual({
		id: 'batch_2',
		customId: '0-c.png',
		responseFormat: 'fields',
		columns: true,
	});
	expect(submitted.items.map(({ json }) => (json.batch as any).customId)).toEqual([
		'0-c.png',
		'1-a.png',
		'2-b.png',
	]);
});

test('by Batch ID: every row once, in the order submitted, named by its file, the fields as checked columns', async () => {
	const submitted = await submitReceipts();
	const id = (submitted.items[0].json.batch as any).id;
	const rows = await resultsById(id);
	expect(rows.map((row) => row.customId)).toEqual(['0-c.png', '1-a.png', '2-b.png']);
	for (const row of rows) {
		expect(Object.keys(row).slice(0, 4)).toEqual(['vendor', 'total', 'currency', 'tokenUsage']);
		expect(typeof row.vendor).toBe('string');
		expect(typeof row.total).toBe('number');
		expect(['EUR', 'USD']).toContain(row.currency);
		expect(row).not.toHaveProperty('usage');
		expect(row).not.toHaveProperty('content');
		expect(row).not.toHaveProperty('notices');
		expect(row.batchId).toBe(id);
	}
	// The input file was read only up to each line's messages: no image was decoded for it.
	const downloads = server.requests.filter((request) => request.path.endsWith('/content'));
	expect(downloads.map((request) => request.path)).toHaveLength(2);
});

test('a provider that does not give the input file back: the fields as columns from what Submit stored, unchecked, and said so', async () => {
	const submitted = await submitReceipts();
	server.batchApi.refusesInputDownloads = true;
	const id = (submitted.items[0].json.batch as any).id;
	const rows = await resultsById(id);
	expect(rows.map((row) => row.customId)).toEqual(['0-c.png', '1-a.png', '2-b.png']);
	for (const row of rows) {
		expect(typeof row.total).toBe('number');
		expect(row.notices).toEqual([
			expect.stringMatching(
				/^The answer was not checked against its schema: the batch's input file, which holds it, could not be read \(Downloading the batch file file-\d+: the API answered 400: Not allowed to download files of purpose: batch\)\.$/,
			),
		]);
	}
	// From Submit's items the same: their fields, unchecked, and said so.
	const fromItems = await runVisionChatBatch({
		items: submitted.items.map(({ json }) => ({ json })),
		parameters: visionParameters({ operation: 'getResults' }),
		credentials: credentialsFor(server),
	});
	expect(fromItems.error).toBeUndefined();
	expect(
		fromItems.items.map(({ json }) => [
			json.fileName,
			typeof json.total,
			(json.notices as string[] | undefined)?.length,
		]),
	).toEqual([
		['c.png', 'number', 1],
		['a.png', 'number', 1],
		['b.png', 'number', 1],
	]);
});

test("a batch that carries neither its input file nor Submit's metadata: today's rows, and a notice", async () => {
	const submitted = await submitReceipts();
	server.batchApi.refusesInputDownloads = true;
	const id = (submitted.items[0].json.batch as any).id;
	server.batchApi.batches.get(id)!.object.metadata = null;
	const rows = await resultsById(id);
	expect(rows).toHaveLength(3);
	for (const row of rows) {
		expect(typeof row.content).toBe('string');
		expect(row).not.toHaveProperty('vendor');
		expect(row.notices).toEqual([
			expect.stringMatching(
				/^This batch does not say what its answers are .*turn on Answers Are JSON/,
			),
		]);
	}
});

test('an input file that fails on the way: a line that needs its schema fails as not read, never passes unchecked', async () => {
	// The second line refused by the API: it says so, not that the input file could not be read.
	server.batchApi.failLine = (customId) => customId === '1-a.png';
	const submitted = await submitReceipts();
	server.batchApi.failsInputDownloads = true;
	const fromItems = await runVisionChatBatch({
		items: submitted.items.map(({ json }) => ({ json })),
		parameters: visionParameters({ operation: 'getResults' }),
		credentials: credentialsFor(server),
		continueOnFail: true,
	});
	const notRead = expect.stringMatching(
		/^Not read: the batch's input file, which holds the schema this answer is checked against, could not be read \(.*500.*\): /,
	);
	expect(fromItems.items.map(({ json }) => [json.fileName, json.vendor, json.error])).toEqual([
		['c.png', undefined, notRead],
		['a.png', undefined, expect.not.stringMatching(/^Not read/)],
		['b.png', undefined, notRead],
	]);
	const id = (submitted.items[0].json.batch as any).id;
	const byId = await runVisionChatBatch({
		items: [{ json: {} }],
		parameters: visionParameters({ operation: 'getResults', batchFrom: 'batchId', batchId: id }),
		credentials: credentialsFor(server),
	});
	expect(byId.error.message).toMatch(/^Not read: .*\(custom ID "0-c.png"\)/);
});

test('a provider that takes JSON Object only (Zhipu): the schema stays on the item and is checked; by ID the rows say it was not', async () => {
	server.batchApi.provider = 'zhipu';
	// Zhipu's own host, which the node knows, answered by the test server on 127.0.0.1.
	const lookup = jest.spyOn(dns, 'lookup').mockImplementation(((
		host: string,
		options: unknown,
		callback?: (...args: unknown[]) => void,
	) => {
		const done = (typeof options === 'function' ? options : callback) as (
			...args: unknown[]
		) => void;
		const all = typeof options === 'object' && (options as { all?: boolean })?.all;
		if (all) done(null, [{ address: '127.0.0.1', family: 4 }]);
		else done(null, '127.0.0.1', 4);
	}) as never);
	afterTest.push(() => lookup.mockRestore());
	const port = new URL(server.url).port;
	const credentials = {
		...credentialsFor(server),
		baseUrl: `http://open.bigmodel.cn:${port}/api/paas/v4`,
	};
	const parameters = visionParameters({
		operation: 'submit',
		model: 'glm-4.5v',
		prompt: 'Read this receipt',
		responseFormat: 'fields',
		fields: receiptFields,
	});
	// JSON Object answers as such a gateway gives them: the second without its total.
	let answered = 0;
	server.answer = () =>
		JSON.stringify({
			vendor: 'Shop',
			currency: 'EUR',
			...(answered++ === 1 ? {} : { total: 12.5 }),
		});
	afterTest.push(() => (server.answer = answerText));
	const submitted = await runVisionChatBatch({ items: receipts, parameters, credentials });
	expect(submitted.error).toBeUndefined();
	expect(server.batchApi.lines[0].body.response_format).toEqual({ type: 'json_object' });
	const [first] = submitted.items.map(({ json }) => json.batch as any);
	expect(first.schema).toMatchObject({ type: 'object', required: ['vendor', 'total', 'currency'] });
	const fromItems = await runVisionChatBatch({
		items: submitted.items.map(({ json }) => ({ json })),
		parameters: visionParameters({ operation: 'getResults' }),
		credentials,
		continueOnFail: true,
	});
	// Checked against the schema the item kept: the answer without its total is that item's error.
	expect(fromItems.items.map(({ json }) => [json.total, json.error])).toEqual([
		[12.5, undefined],
		[undefined, expect.stringMatching(/^The answer does not match the fields: total: missing/)],
		[12.5, undefined],
	]);
	const byId = await runVisionChatBatch({
		items: [{ json: {} }],
		parameters: visionParameters({
			operation: 'getResults',
			batchFrom: 'batchId',
			batchId: first.id,
		}),
		credentials,
	});
	expect(byId.error).toBeUndefined();
	// Unchecked, and said so: the answer without its total comes out as it is.
	expect(byId.items.map(({ json }) => json.total)).toEqual([12.5, undefined, 12.5]);
	for (const { json } of byId.items) {
		expect(json.vendor).toBe('Shop');
		expect(json.notices).toEqual([
			'The answer was not checked against its schema: the provider takes JSON Object only, so the schema went into the system message.',
		]);
	}
});

describe('Cancel says which batch and what happened', () => {
	const cancel = async (items: Array<{ json: any }>) =>
		await runVisionChatBatch({
			items,
			parameters: visionParameters({ operation: 'cancel' }),
			credentials: credentialsFor(server),
		});

	test('a running batch is cancelled', async () => {
		server.batchApi.delayMs = 60_000;
		const submitted = await submitReceipts();
		const id = (submitted.items[0].json.batch as any).id;
		const result = await cancel(submitted.items.map(({ json }) => ({ json })));
		expect(result.items.map(({ json }) => json.batchId)).toEqual([id, id, id]);
		expect(result.items[0].json).toMatchObject({
			batchId: id,
			cancelled: true,
			batchStatus: 'cancelled',
		});
		expect(result.items[0].json).not.toHaveProperty('note');
	});

	test('items from Not Ready, which carry the state they had: the state now', async () => {
		server.batchApi.delayMs = 60_000;
		const submitted = await submitReceipts();
		const notReady = submitted.items.map(({ json }) => ({
			json: { ...json, batchStatus: 'in_progress' },
		}));
		const result = await cancel(notReady);
		expect(result.items.map(({ json }) => [json.batchStatus, json.cancelled])).toEqual([
			['cancelled', true],
			['cancelled', true],
			['cancelled', true],
		]);
	});

	test('a finished batch: nothing to cancel, and it says so', async () => {
		const submitted = await submitReceipts();
		const id = (submitted.items[0].json.batch as any).id;
		await resultsById(id);
		const result = await cancel([submitted.items[0]].map(({ json }) => ({ json })));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			batchId: id,
			cancelled: false,
			batchStatus: 'completed',
			note: 'already completed: nothing to cancel',
		});
	});
});
