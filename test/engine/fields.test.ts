/**
 * Fields, not schemas: a no-code builder lists the fields they want from a receipt (or pastes one
 * example answer) and gets them as the item's own fields, checked on every gateway.
 */
import { answerText, apiError, completionFor, valueFor } from '../server/openAiServer';
import type { ReceivedRequest } from '../server/openAiServer';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { makePng } from '../support/images';
import { runVisionChat, runVisionChatBatch, useTestServer } from './harness';

const server = useTestServer();
afterEach(() => {
	expect(server.invalidReplies).toEqual([]);
	for (const request of server.completions) expect(request.schemaErrors).toEqual([]);
	server.answer = answerText;
});

const receiptFields = {
	field: [
		{ name: 'vendor', type: 'text', description: 'The shop' },
		{ name: 'date', type: 'date' },
		{ name: 'total', type: 'number', description: 'Paid, tax included' },
		{ name: 'currency', type: 'oneOf', choices: 'EUR, USD' },
		{ name: 'tip', type: 'number', required: false },
		{
			name: 'items',
			type: 'objectList',
			objectFields: { field: [{ name: 'name' }, { name: 'price', type: 'number' }] },
		},
	],
};
const receipts = ['a.png', 'b.png', 'c.png'].map((fileName, index) => ({
	json: { fileName },
	binary: { data: { data: makePng(2, 2, index), mimeType: 'image/png', fileName } },
}));
const fieldsParameters = (overrides: Record<string, unknown> = {}) =>
	visionParameters({
		prompt: 'Read this receipt',
		responseFormat: 'fields',
		fields: receiptFields,
		...overrides,
	});
const sendsReceipt = (body: unknown, index: number) =>
	JSON.stringify(body).includes(receipts[index].binary.data.data.toString('base64'));
const schemaOf = (request: ReceivedRequest) => request.body.response_format?.json_schema?.schema;
const isReask = (request: ReceivedRequest) => request.body.messages.length > 2;
/** The schema as the node wrote it into its system message, when it could not send it as such. */
const schemaInSystemMessage = (request: ReceivedRequest) =>
	JSON.parse(request.body.messages[0].content.split('JSON Schema:\n')[1]);

test('a strict gateway: the fields are the items own fields, then the token counts once, the file name after', async () => {
	const result = await runVisionChat({
		items: receipts,
		parameters: fieldsParameters(),
		credentials: credentialsFor(server),
		typeVersion: 1.1,
	});
	expect(result.error).toBeUndefined();
	const [request] = server.completions;
	expect(request.body.response_format).toMatchObject({
		type: 'json_schema',
		json_schema: { name: 'fields', strict: true },
	});
	expect(schemaOf(request).required).toEqual([
		'vendor',
		'date',
		'total',
		'currency',
		'tip',
		'items',
	]);
	expect(result.items).toHaveLength(3);
	expect(result.items[0].json).toEqual({
		vendor: 'vendor of the image',
		date: '2024-03-01',
		total: 12.5,
		currency: 'EUR',
		tip: 12.5,
		items: [{ name: 'name of the image', price: 12.5 }],
		tokenUsage: expect.any(Object),
		fileName: 'a.png',
	});
	// A row for a sheet: the fields first, the token counts once, the input's fields after.
	expect(Object.keys(result.items[0].json)).toEqual([
		'vendor',
		'date',
		'total',
		'currency',
		'tip',
		'items',
		'tokenUsage',
		'fileName',
	]);
	// Nothing but the fields was asked of the model: no words about the answer's form.
	expect(request.body.messages.map((message: any) => message.role)).toEqual(['user']);
});

test('Put Fields > Under Parsed: the answer in "parsed", as JSON Schema gives it', async () => {
	const result = await runVisionChat({
		items: [receipts[0]],
		parameters: fieldsParameters({ fieldsPlacement: 'parsed' }),
		credentials: credentialsFor(server),
	});
	expect(result.items[0].json).toMatchObject({
		content: expect.stringContaining('"vendor"'),
		parsed: { vendor: 'vendor of the image', total: 12.5 },
		model: 'gpt-4o-mini',
	});
});

test('From a JSON Example: the example becomes the schema, and the answers its fields', async () => {
	const example = { vendor: 'Acme', total: 3.5, items: [{ name: 'Coffee', price: 2.5 }] };
	const result = await runVisionChat({
		items: [receipts[0]],
		parameters: fieldsParameters({
			responseFormat: 'json_example',
			jsonExample: JSON.stringify(example),
		}),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	expect(schemaOf(server.completions[0]).properties.items.items.required).toEqual([
		'name',
		'price',
	]);
	expect(result.items[0].json).toMatchObject({
		vendor: 'vendor of the image',
		total: 12.5,
		items: [{ name: 'name of the image', price: 12.5 }],
	});
});

test.each([
	["DeepSeek's words", 'This response_format type is unavailable now'],
	['words no row knows', "'response_format.type' must be 'json_object' or 'text'"],
])(
	'a gateway refusing json_schema (%s): asked again with the schema in the system message, noted',
	async (_, words) => {
		server.script = (request) =>
			request.body.response_format?.type === 'json_schema'
				? {
						kind: 'json',
						status: 400,
						body: apiError(words, 'invalid_request_error'),
					}
				: {
						kind: 'json',
						status: 200,
						body: completionFor(request.body, () =>
							JSON.stringify(valueFor(schemaInSystemMessage(request))),
						),
					};
		const result = await runVisionChat({
			items: receipts,
			parameters: fieldsParameters({ systemMessage: 'You read receipts.' }),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
		expect(server.completions).toHaveLength(6);
		const fallback = server.completions.filter(
			(r) => r.body.response_format?.type === 'json_object',
		);
		expect(fallback).toHaveLength(3);
		// The user's system message first, the schema after it, in the same message.
		expect(fallback[0].body.messages[0].content).toMatch(
			/^You read receipts\.\n\nAnswer with one JSON object/,
		);
		expect(schemaInSystemMessage(fallback[0])).toEqual(schemaOf(server.completions[0]));
		expect(result.items.map((item) => item.json.total)).toEqual([12.5, 12.5, 12.5]);
		expect(result.items[0].json.notices).toEqual([
			expect.stringContaining('The API refused this response_format'),
		]);
	},
);

test('json_object refused as well: no response_format, the same words, the answer still checked', async () => {
	server.script = (request) => {
		if (request.body.response_format) {
			return { kind: 'json', status: 400, body: apiError('response_format is not supported') };
		}
		return {
			kind: 'json',
			status: 200,
			body: completionFor(
				request.body,
				() => '```json\n' + JSON.stringify(valueFor(schemaInSystemMessage(request))) + '\n```',
			),
		};
	};
	const result = await runVisionChat({
		items: [receipts[0]],
		parameters: fieldsParameters(),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	expect(server.completions.map((r) => r.body.response_format?.type ?? 'none')).toEqual([
		'json_schema',
		'json_object',
		'none',
	]);
	expect(result.items[0].json.vendor).toBe('vendor of the image');
});

describe('an answer that does not match', () => {
	const missingTotalFirst = () => {
		server.script = (request) => {
			if (isReask(request)) return undefined;
			const rest = valueFor(schemaOf(request));
			delete rest.total;
			return {
				kind: 'json',
				status: 200,
				body: completionFor(request.body, () => JSON.stringify(rest)),
			};
		};
	};

	test('missing a required field, then valid when asked again: both usages counted, noted', async () => {
		missingTotalFirst();
		const result = await runVisionChat({
			items: [receipts[0]],
			parameters: fieldsParameters({ options: { inputTokenPrice: 1, outputTokenPrice: 1 } }),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
		expect(server.completions).toHaveLength(2);
		const [first, again] = server.completions;
		expect(again.body.messages.slice(0, 1)).toEqual(first.body.messages);
		expect(again.body.messages[1]).toMatchObject({ role: 'assistant' });
		expect(again.body.messages[2].content).toContain('total: missing (a required field)');
		const json = result.items[0].json as any;
		expect(json.total).toBe(12.5);
		const tokens = (request: ReceivedRequest) =>
			10 + request.body.messages.find((m: any) => m.role === 'user').content.length;
		// A row for a sheet: the token counts once, as n8n's logs panel reads them.
		expect(json).not.toHaveProperty('usage');
		expect(json.tokenUsage.promptTokens).toBe(tokens(first) + tokens(again));
		expect(json.tokenUsage.completionTokens).toBe(14);
		expect(json.cost).toBeCloseTo(json.tokenUsage.totalTokens / 1e6, 12);
		expect(json.notices).toEqual([
			expect.stringMatching(/^The first answer did not match the schema \(total: missing/),
		]);
	});

	test('still wrong when asked again: the item fails naming the field; with Continue On Fail the others answer', async () => {
		server.script = (request) =>
			request.body.messages[0].content[1]?.image_url &&
			JSON.stringify(request.body).includes(receipts[1].binary.data.data.toString('base64'))
				? {
						kind: 'json',
						status: 200,
						body: completionFor(request.body, () =>
							JSON.stringify({ ...valueFor(schemaOf(request)), total: 'twelve' }),
						),
					}
				: undefined;
		const result = await runVisionChat({
			items: receipts,
			parameters: fieldsParameters(),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.error ?? 'answered')).toEqual([
			'answered',
			'The answer does not match the fields: total: expected a number, got "twelve" [item 1]',
			'answered',
		]);
		expect(server.completions).toHaveLength(4);
		const stopped = await runVisionChat({
			items: [receipts[1]],
			parameters: fieldsParameters(),
			credentials: credentialsFor(server),
		});
		expect(stopped.error.message).toBe(
			'The answer does not match the fields: total: expected a number, got "twelve" [item 0]',
		);
		expect(stopped.error.description).toMatch(/Tried 2 times\.$/);
	});
});

test("a field named like the output's own is refused before anything is sent", async () => {
	const result = await runVisionChat({
		items: [receipts[0]],
		parameters: fieldsParameters({ fields: { field: [{ name: 'usage', type: 'number' }] } }),
		credentials: credentialsFor(server),
	});
	expect(result.error.message).toMatch(/"usage" is a field of the node's own output/);
	expect(server.completions).toHaveLength(0);
});

test('an example whose expected answer the fields do not take is refused at setup', async () => {
	const result = await runVisionChat({
		items: [receipts[0]],
		parameters: fieldsParameters({
			examples: {
				example: [
					{ imageSource: 'url', imageUrl: 'https://x.test/r.png', answer: '{"vendor": "Acme"}' },
				],
			},
		}),
		credentials: credentialsFor(server),
	});
	expect(result.error.message).toMatch(
		/^Examples \(example 1\): Expected Answer does not match the schema: date: missing/,
	);
	expect(server.completions).toHaveLength(0);
});

test('a hand-written schema, as a first try writes it, is made strict-mode ready and said', async () => {
	const firstTry = {
		type: 'object',
		properties: { vendor: { type: 'string' }, total: { type: 'number' } },
		required: ['vendor'],
	};
	const result = await runVisionChat({
		items: [receipts[0]],
		parameters: visionParameters({
			responseFormat: 'json_schema',
			jsonSchema: JSON.stringify(firstTry),
		}),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	expect(schemaOf(server.completions[0])).toEqual({
		type: 'object',
		properties: { vendor: { type: 'string' }, total: { type: ['number', 'null'] } },
		required: ['vendor', 'total'],
		additionalProperties: false,
	});
	expect(result.items[0].json.parsed).toEqual({ vendor: 'vendor of the image', total: 12.5 });
	expect(result.items[0].json.notices).toEqual([
		expect.stringContaining('"total" listed in "required" and made nullable'),
	]);
});

test('JSON Object without the word JSON in the prompt: the node adds it, as the API requires', async () => {
	await runVisionChat({
		items: [receipts[0]],
		parameters: visionParameters({ responseFormat: 'json_object' }),
		credentials: credentialsFor(server),
	});
	expect(server.completions[0].body.messages[0]).toEqual({
		role: 'system',
		content: 'Answer in JSON.',
	});
	await runVisionChat({
		items: [receipts[0]],
		parameters: visionParameters({ responseFormat: 'json_object', prompt: 'Tags as JSON' }),
		credentials: credentialsFor(server),
	});
	expect(server.completions[1].body.messages[0].role).toBe('user');
});

describe('Vision Chat Batch with Fields', () => {
	test('Submit sends the schema in every line; Get Results gives the fields as columns, a wrong line its error item', async () => {
		// The second receipt's line is answered with text where the total should be.
		server.answer = (body, choice) => {
			const json = JSON.parse(answerText(body, choice));
			return JSON.stringify(sendsReceipt(body, 1) ? { ...json, total: 'twelve' } : json);
		};
		const submitted = await runVisionChatBatch({
			items: receipts,
			parameters: fieldsParameters({ operation: 'submit' }),
			credentials: credentialsFor(server),
		});
		expect(submitted.error).toBeUndefined();
		for (const line of server.batchApi.lines) {
			expect(line.schemaErrors).toEqual([]);
			expect(line.body.response_format.json_schema.strict).toBe(true);
		}
		server.batchApi.delayMs = 0;
		const results = await runVisionChatBatch({
			items: submitted.items.map(({ json }) => ({ json })),
			parameters: visionParameters({ operation: 'getResults' }),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		const out = results.items.map((item) => item.json);
		const failed = out.filter((json) => json.error);
		const answered = out.filter((json) => !json.error);
		expect(answered.length + failed.length).toBe(3);
		expect(failed.length).toBeGreaterThan(0);
		expect(answered.length).toBeGreaterThan(0);
		for (const json of answered) {
			expect(json).toMatchObject({
				vendor: 'vendor of the image',
				total: 12.5,
				batchStatus: 'completed',
			});
			expect(json.content).toBeUndefined();
		}
		for (const json of failed) {
			expect(json.error).toMatch(/total: expected a number, got "twelve"/);
			expect(json.hint ?? json.description ?? '').toMatch(/A batch asks once/);
		}
	});
});
