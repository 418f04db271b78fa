/**
 * What a user gets out of the node: answers that keep the fields of the file they belong to,
 * error items a workflow can filter and retry, and the node as an AI Agent's tool.
 */
import { apiError, completionFor, userParts } from '../server/openAiServer';
import type { ReceivedRequest } from '../server/openAiServer';
import { API_KEY, credentialsFor, everythingSaid, visionParameters } from '../support/fixtures';
import { makePng, pdfBytes } from '../support/images';
import { logLines, runAsAgentTool, runVisionChat, useTestServer } from './harness';

const server = useTestServer();
afterEach(() => expect(server.invalidReplies).toEqual([]));

const promptOf = (request: ReceivedRequest) => userParts(request.body)[0]?.text as string;
const files = ['cat.png', 'dog.png', 'owl.png'].map((fileName) => ({
	json: { fileName, folder: '/photos' },
	binary: { data: { data: makePng(2, 2, 1), mimeType: 'image/png', fileName } },
}));
const taggingParameters = (options: Record<string, unknown> = {}) =>
	visionParameters({ prompt: '=Tag {{ $json.fileName }}', options });
const failDog = () => {
	server.script = (request) =>
		promptOf(request) === 'Tag dog.png'
			? { kind: 'json', status: 400, body: apiError('Invalid image: the file is corrupt.') }
			: undefined;
};

describe('answers keep what they belong to', () => {
	test('with Include Input Fields each answer carries its file name, after the answer; the answer wins a clash', async () => {
		const result = await runVisionChat({
			items: [{ ...files[0], json: { ...files[0].json, content: 'old caption' } }, files[1]],
			parameters: taggingParameters({ includeInputFields: true }),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.fileName)).toEqual(['cat.png', 'dog.png']);
		expect(result.items[0].json).toMatchObject({
			folder: '/photos',
			content: 'Choice 0: saw 1 image(s) for "Tag cat.png"',
		});
		// The answer's fields come first, so the editor's table shows the answer, not the file's columns.
		expect(Object.keys(result.items[0].json).slice(0, 2)).toEqual(['content', 'usage']);
		expect(Object.keys(result.items[0].json).slice(-2)).toEqual(['fileName', 'folder']);
	});

	test('a node added today (version 1.1) carries the file name without asking; switched off, only the answer', async () => {
		const on = await runVisionChat({
			items: [files[0]],
			parameters: taggingParameters(),
			credentials: credentialsFor(server),
			typeVersion: 1.1,
		});
		expect(on.items[0].json).toMatchObject({ content: expect.any(String), fileName: 'cat.png' });
		const off = await runVisionChat({
			items: [files[0]],
			parameters: taggingParameters({ includeInputFields: false }),
			credentials: credentialsFor(server),
			typeVersion: 1.1,
		});
		expect(off.items[0].json.fileName).toBeUndefined();
	});

	test("n8n's logs panel finds the tokens: tokenUsage beside usage, in n8n's shape", async () => {
		const result = await runVisionChat({
			items: [files[0]],
			parameters: taggingParameters(),
			credentials: credentialsFor(server),
		});
		const { usage, tokenUsage } = result.items[0].json as Record<string, Record<string, number>>;
		expect(tokenUsage).toEqual({
			promptTokens: usage.prompt_tokens,
			completionTokens: usage.completion_tokens,
			totalTokens: usage.total_tokens,
		});
	});

	test('by default (version 1) an answer holds only the answer: content, usage, model and finish_reason', async () => {
		const result = await runVisionChat({
			items: [files[0]],
			parameters: taggingParameters(),
			credentials: credentialsFor(server),
		});
		expect(Object.keys(result.items[0].json).sort()).toEqual([
			'content',
			'finish_reason',
			'model',
			'tokenUsage',
			'usage',
		]);
	});
});

test('with token prices each answer gets its estimated cost', async () => {
	const result = await runVisionChat({
		items: [files[0]],
		parameters: taggingParameters({ inputTokenPrice: 0.15, outputTokenPrice: 0.6 }),
		credentials: credentialsFor(server),
	});
	const { usage, cost } = result.items[0].json as any;
	expect(usage.prompt_tokens).toBeGreaterThan(0);
	expect(cost).toBeCloseTo((usage.prompt_tokens * 0.15 + usage.completion_tokens * 0.6) / 1e6, 10);
	expect(cost).toBeGreaterThan(0);
});

describe('Number of Choices above 1: every paid answer is output, every token counted once', () => {
	const prices = { inputTokenPrice: 0.15, outputTokenPrice: 0.6 };
	const modelParameters = { n: 2 };
	const billed = () =>
		server.completions.length *
		// What the test server bills a request of one image and n = 2 (see usageFor).
		((12 * 0.15 + 14 * 0.6) / 1e6);

	test('Simplify Output: the first answer as content, every answer in choices', async () => {
		const result = await runVisionChat({
			items: files,
			parameters: { ...taggingParameters(prices), modelParameters },
			credentials: credentialsFor(server),
		});
		expect(result.items).toHaveLength(3);
		const [cat] = result.items;
		expect(cat.json.content).toBe('Choice 0: saw 1 image(s) for "Tag cat.png"');
		expect((cat.json.choices as any[]).map((choice) => choice.content)).toEqual([
			'Choice 0: saw 1 image(s) for "Tag cat.png"',
			'Choice 1: saw 1 image(s) for "Tag cat.png"',
		]);
		const sum = result.items.reduce((total, item) => total + (item.json.cost as number), 0);
		expect(sum).toBeCloseTo(billed(), 12);
	});

	test.each([true, false])(
		'Split Choices (Simplify Output %s): six items whose costs and tokens add up to the bill',
		async (simplify) => {
			const result = await runVisionChat({
				items: files,
				parameters: {
					...taggingParameters({ ...prices, splitChoices: true }),
					modelParameters,
					simplify,
				},
				credentials: credentialsFor(server),
			});
			expect(result.items).toHaveLength(6);
			const sum = result.items.reduce((total, item) => total + (item.json.cost as number), 0);
			expect(sum).toBeCloseTo(billed(), 12);
			const tokens = result.items.reduce(
				(total, item) => total + ((item.json.usage as any)?.total_tokens ?? 0),
				0,
			);
			expect(tokens).toBe(server.completions.length * 26);
			expect(result.items.map((item) => item.pairedItem)).toEqual(
				[0, 0, 1, 1, 2, 2].map((item) => ({ item })),
			);
		},
	);
});

describe('error items', () => {
	test('with On Error > Continue a failed file says status, API message and hint, beside its own fields', async () => {
		failDog();
		const result = await runVisionChat({
			items: files,
			parameters: taggingParameters({ includeInputFields: true }),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json).toEqual({
			fileName: 'dog.png',
			folder: '/photos',
			error: 'The API answered 400: Invalid image: the file is corrupt. [item 1]',
			status: 400,
			apiMessage: 'Invalid image: the file is corrupt.',
			hint: 'The API refused the request: check that the model reads images and supports the options you set.',
		});
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[0].json.error).toBeUndefined();
		expect(result.items[2].json.fileName).toBe('owl.png');
		expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
	});

	test('a file refused before sending names the field at fault and has no status', async () => {
		const result = await runVisionChat({
			items: [files[0], { json: { fileName: 'notes.txt' } }],
			parameters: taggingParameters(),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.items[1].json).toEqual({
			error:
				'Binary Property Names: the item has no binary property "data"; it has no binary data and no Image URLs (set Image URLs, or Binary Images > None to send the prompt alone) [item 1]',
			status: null,
			field: 'Binary Property Names',
			hint: 'Nothing was sent for this item.',
		});
	});

	test('a dropped connection gives the network code instead of a status', async () => {
		server.script = (request) =>
			promptOf(request) === 'Tag cat.png' ? { kind: 'reset' } : undefined;
		const result = await runVisionChat({
			items: [files[0]],
			parameters: taggingParameters({ maxRetries: 0 }),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.items[0].json).toMatchObject({
			error: 'The connection to the API failed (ECONNRESET: socket hang up) [item 0]',
			status: null,
			networkCode: 'ECONNRESET',
		});
	});

	test('with the error output the failed file goes there with its own fields, error and hint', async () => {
		failDog();
		const result = await runVisionChat({
			items: files,
			parameters: taggingParameters(),
			credentials: credentialsFor(server),
			errorOutput: true,
		});
		expect(result.items.map((item) => item.json.content)).toEqual([
			'Choice 0: saw 1 image(s) for "Tag cat.png"',
			'Choice 0: saw 1 image(s) for "Tag owl.png"',
		]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json).toEqual({
			fileName: 'dog.png',
			folder: '/photos',
			error: 'The API answered 400: Invalid image: the file is corrupt. [item 1]',
			message:
				'The API refused the request: check that the model reads images and supports the options you set.',
		});
	});

	describe("at the defaults of a node added today (version 1.1, Include Input Fields on), failures go to n8n's error output", () => {
		const pdf = {
			json: { fileName: 'invoice.pdf', folder: '/photos' },
			binary: {
				data: { data: pdfBytes, mimeType: 'application/pdf', fileName: 'invoice.pdf' },
			},
		};
		const runWithErrorOutput = (options: Record<string, unknown> = {}) =>
			runVisionChat({
				items: [files[0], pdf, files[2]],
				parameters: taggingParameters(options),
				credentials: credentialsFor(server),
				errorOutput: true,
				typeVersion: 1.1,
			});

		test.each([
			['on', {}],
			['off', { includeInputFields: false }],
		])('a PDF refused before sending, Include Input Fields %s', async (_label, options) => {
			const result = await runWithErrorOutput(options);
			expect(result.items.map((item) => item.json.content)).toEqual([
				'Choice 0: saw 1 image(s) for "Tag cat.png"',
				'Choice 0: saw 1 image(s) for "Tag owl.png"',
			]);
			expect(result.errorItems.map((item) => item.json)).toEqual([
				{
					fileName: 'invoice.pdf',
					folder: '/photos',
					error:
						'Documents: it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images [item 1]',
					message: 'Nothing was sent for this item.',
				},
			]);
		});

		test.each([
			[
				'refused by the API',
				{ kind: 'json', status: 400, body: apiError('Invalid image: the file is corrupt.') },
				'The API answered 400: Invalid image: the file is corrupt. [item 1]',
			],
			[
				'timed out',
				{ kind: 'drip', intervalMs: 300 },
				'The request timed out: no whole answer within 1 s (Options > Request Timeout) [item 1]',
			],
			[
				'answered with a body that is not JSON',
				{ kind: 'raw', status: 200, text: '<html>gateway</html>' },
				/^The API answered 200 with a body that is not JSON: .* \[item 1\]$/,
			],
		] as const)('an item %s', async (_label, reply, message) => {
			server.script = (request) => (promptOf(request) === 'Tag dog.png' ? reply : undefined);
			const result = await runVisionChat({
				items: files,
				parameters: taggingParameters({ timeout: 1, maxRetries: 0 }),
				credentials: credentialsFor(server),
				errorOutput: true,
				typeVersion: 1.1,
			});
			expect(result.items.map((item) => item.json.fileName)).toEqual(['cat.png', 'owl.png']);
			expect(result.errorItems).toHaveLength(1);
			const [failed] = result.errorItems;
			expect(failed.json).toMatchObject({ fileName: 'dog.png', folder: '/photos' });
			expect(failed.json.error).toEqual(
				typeof message === 'string' ? message : expect.stringMatching(message),
			);
			expect(Object.keys(failed.json).sort()).toEqual(['error', 'fileName', 'folder', 'message']);
		});

		test('an answer that is not the JSON its format asks for', async () => {
			server.script = (request) =>
				promptOf(request) === 'Tag dog.png'
					? {
							kind: 'json',
							status: 200,
							body: completionFor({ model: 'gpt-4o-mini' }, () => '{"tags": ['),
						}
					: undefined;
			const result = await runVisionChat({
				items: files,
				parameters: { ...taggingParameters({ maxRetries: 0 }), responseFormat: 'json_object' },
				credentials: credentialsFor(server),
				errorOutput: true,
				typeVersion: 1.1,
			});
			expect(result.items).toHaveLength(2);
			expect(result.errorItems.map((item) => item.json)).toEqual([
				{
					fileName: 'dog.png',
					folder: '/photos',
					error: 'The model\'s answer is not valid JSON: "{\\"tags\\": [" [item 1]',
					message: 'Ask for JSON in the prompt, or use the JSON Schema response format.',
				},
			]);
		});

		test('with Continue (using regular output) the same failure stays an error item beside the answers', async () => {
			const result = await runVisionChat({
				items: [files[0], pdf],
				parameters: taggingParameters(),
				credentials: credentialsFor(server),
				continueOnFail: true,
				typeVersion: 1.1,
			});
			expect(result.errorItems).toEqual([]);
			expect(result.items[1].json).toMatchObject({
				error: expect.stringContaining('it is not known whether this API takes PDF documents'),
				status: null,
				field: 'Documents',
				fileName: 'invoice.pdf',
			});
		});
	});

	test('without On Error the node stops, and the item is named once, as n8n names items', async () => {
		failDog();
		const result = await runVisionChat({
			items: files,
			parameters: taggingParameters(),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe(
			'The API answered 400: Invalid image: the file is corrupt. [item 1]',
		);
		expect(result.error.context.itemIndex).toBe(1);
		// n8n's error view adds " [item N]" unless the message holds "item N" already.
		expect(result.error.message.match(/item 1/g)).toHaveLength(1);
	});
});

describe('as an AI Agent tool', () => {
	const toolParameters = {
		model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
		prompt: "={{ $fromAI('question', 'What to ask about the image', 'string') }}",
		imageUrls: "={{ $fromAI('imageUrl', 'The URL of the image', 'string') }}",
	};
	const toolArgs = { question: 'What animal is this?', imageUrl: 'https://example.com/cat.jpg' };

	test('at the default Binary Images the tool sends the image URL the model gave', async () => {
		const output = await runAsAgentTool({
			parameters: toolParameters,
			credentials: credentialsFor(server),
			toolArgs,
		});
		expect(output.toolError).toBeUndefined();
		expect(JSON.parse(output.toolAnswer as string)).toEqual([
			expect.objectContaining({ content: 'Choice 0: saw 1 image(s) for "What animal is this?"' }),
		]);
		expect(userParts(server.completions[0].body)[1]).toEqual({
			type: 'image_url',
			image_url: { url: 'https://example.com/cat.jpg', detail: 'auto' },
		});
	});

	test("left at its defaults, the tool asks the agent's model for the prompt and the image URLs", async () => {
		const output = await runAsAgentTool({
			parameters: { model: toolParameters.model },
			credentials: credentialsFor(server),
			toolArgs: { prompt: 'Which colour is the car?', imageUrls: 'https://example.com/car.jpg' },
		});
		expect(output.toolError).toBeUndefined();
		expect(JSON.parse(output.toolAnswer as string)[0].content).toBe(
			'Choice 0: saw 1 image(s) for "Which colour is the car?"',
		);
		expect(userParts(server.completions[0].body)[1].image_url.url).toBe(
			'https://example.com/car.jpg',
		);
	});

	test('set to continue on error, the tool hands the model the error text', async () => {
		server.script = () => ({
			kind: 'json',
			status: 400,
			body: apiError('Timeout while downloading https://example.com/cat.jpg.'),
		});
		const output = await runAsAgentTool({
			parameters: toolParameters,
			credentials: credentialsFor(server),
			toolArgs,
			continueOnFail: true,
		});
		expect(JSON.parse(output.toolAnswer as string)).toEqual([
			expect.objectContaining({
				error:
					'The API answered 400: Timeout while downloading https://example.com/cat.jpg. [item 0]',
				status: 400,
			}),
		]);
	});
});
