/**
 * What OpenAI-compatible gateways and models are known to do differently, each emulated the way
 * that provider answers, and what the user gets: an answer where the node can adapt, otherwise
 * an error that says which option to change.
 */
import type { ReceivedRequest } from '../server/openAiServer';
import { completionFor } from '../server/openAiServer';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { makePng } from '../support/images';
import { listModels, runVisionChat, useTestServer } from './harness';

const server = useTestServer();

const photo = () => ({
	json: {},
	binary: { data: { data: makePng(2, 2, 1), mimeType: 'image/png' } },
});
const noRetries = { maxRetries: 0 };
const run = (parameters: Record<string, unknown>, items = [photo()]) =>
	runVisionChat({
		items,
		parameters: visionParameters({ options: noRetries, ...parameters }),
		credentials: credentialsFor(server),
	});
const errorBody = (message: string, extra: Record<string, unknown> = {}) => ({
	error: { message, type: 'invalid_request_error', param: null, code: null, ...extra },
});

describe('stream_options refused while Stream is on', () => {
	const refusals: Array<[string, number, unknown]> = [
		// Groq: an unsupported property.
		['Groq', 400, errorBody("'stream_options' : property 'stream_options' is unsupported")],
		// Mistral: FastAPI's validation error inside `message`.
		[
			'Mistral',
			422,
			{
				object: 'error',
				message: {
					detail: [
						{
							type: 'extra_forbidden',
							loc: ['body', 'stream_options'],
							msg: 'Extra inputs are not permitted',
							input: { include_usage: true },
						},
					],
				},
				type: 'invalid_request_message_error',
				param: null,
				code: null,
			},
		],
	];
	test.each(refusals)(
		'%s: every item still gets its answer, sent again without stream_options, and the output says so',
		async (_provider, status, body) => {
			server.script = (request) =>
				request.body.stream_options ? { kind: 'json', status, body } : undefined;
			const result = await run({ options: { ...noRetries, stream: true } }, [photo(), photo()]);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.content)).toEqual([
				'Choice 0: saw 1 image(s) for "Describe this image"',
				'Choice 0: saw 1 image(s) for "Describe this image"',
			]);
			expect(result.items[0].json.usage).toBeNull();
			expect(result.items[0].json.notices).toEqual([
				'The API refused stream_options: sent again without it, so usage is what the API gives (often none).',
			]);
			const resent = server.completions.filter((request) => !request.body.stream_options);
			expect(resent).toHaveLength(2);
			expect(resent.every((request) => request.body.stream === true)).toBe(true);
			expect(server.completions).toHaveLength(4);
		},
	);
});

describe("OpenAI's reasoning models", () => {
	const refusesMaxTokens = (request: ReceivedRequest) =>
		'max_tokens' in request.body
			? {
					kind: 'json' as const,
					status: 400,
					body: errorBody(
						"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
						{ param: 'max_tokens', code: 'unsupported_parameter' },
					),
				}
			: undefined;

	test('a model that refuses max_tokens gets Max Tokens as max_completion_tokens, and the output says so', async () => {
		server.script = refusesMaxTokens;
		const result = await run({
			model: { __rl: true, mode: 'id', value: 'my-azure-reasoning-deployment' },
			modelParameters: { maxTokens: 77 },
		});
		expect(result.error).toBeUndefined();
		expect(server.completions.map((request) => request.body.max_completion_tokens)).toEqual([
			undefined,
			77,
		]);
		expect(result.items[0].json.notices).toEqual([
			'The model refused max_tokens: Max Tokens was sent again as max_completion_tokens.',
		]);
	});

	test('a temperature other than 1 is refused with a hint that names the option', async () => {
		server.script = () => ({
			kind: 'json',
			status: 400,
			body: errorBody(
				"Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.",
				{ param: 'temperature', code: 'unsupported_value' },
			),
		});
		const result = await run({ modelParameters: { temperature: 0.2 } });
		expect(result.error.message).toBe(
			"The API answered 400: Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported. [item 0]",
		);
		expect(result.error.description).toBe(
			'This model does not accept the Temperature you set: remove Temperature from Model Parameters (reasoning models take only the default, 1).',
		);
		expect(server.completions).toHaveLength(1);
	});
});

test('a text-only model given images (DeepSeek chat): the error says the model does not accept images', async () => {
	server.script = () => ({
		kind: 'json',
		status: 422,
		body: errorBody(
			'Failed to deserialize the JSON body into the target type: messages[0]: unknown variant `image_url`, expected `text` at line 1 column 160',
		),
	});
	const result = await run({ model: { __rl: true, mode: 'id', value: 'deepseek-chat' } });
	expect(result.error.message).toBe(
		'The API answered 422: model "deepseek-chat" does not accept images (the API says: Failed to deserialize the JSON body into the target type: messages[0]: unknown variant `image_url`, expected `text` at line 1 column 160) [item 0]',
	);
	expect(result.error.description).toContain('Choose a vision model of this API');
});

test("more than one choice refused (Anthropic's compatibility layer): the hint names Number of Choices", async () => {
	server.script = () => ({
		kind: 'json',
		status: 400,
		body: {
			type: 'error',
			error: { type: 'invalid_request_error', message: 'n: only n=1 is supported' },
		},
	});
	const result = await run({ modelParameters: { n: 3 } });
	expect(result.error.message).toBe('The API answered 400: n: only n=1 is supported [item 0]');
	expect(result.error.description).toBe(
		'This API gives one answer per request: remove Number of Choices from Model Parameters (or set it to 1).',
	);
});

test('a 404 for the chat path names the address that was called', async () => {
	server.script = () => ({ kind: 'raw', status: 404, text: '{"detail":"Not Found"}' });
	const result = await run({});
	expect(result.error.message).toBe('The API answered 404: Not Found [item 0]');
	expect(result.error.description).toContain(
		`Nothing answers at ${server.url}/v1/chat/completions, or the model is unknown to this API.`,
	);
});

test('no /models on the gateway: the model list says to type the model ID', async () => {
	server.servesModels = false;
	await expect(listModels(credentialsFor(server))).rejects.toThrow(
		`This API has no model list (404 at ${server.url}/v1/models): choose "ID" in the Model field and type the model's ID`,
	);
});

test('Ollama takes only base64 images: an image URL refused says to send binary instead', async () => {
	server.script = () => ({ kind: 'json', status: 400, body: errorBody('invalid image input') });
	const result = await run({
		binaryImages: 'none',
		imageUrls: 'https://example.com/cat.jpg',
	});
	expect(result.error.message).toBe('The API answered 400: invalid image input [item 0]');
	expect(result.error.description).toContain('send them with Binary Images instead of Image URLs');
});

test('the same refusal of an image URL in Messages mode gets the same hint: the answer is read against what was sent', async () => {
	server.script = () => ({ kind: 'json', status: 400, body: errorBody('invalid image input') });
	const messages = [
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'What is this?' },
				{ type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
			],
		},
	];
	const result = await run({ inputMode: 'messages', messages: JSON.stringify(messages) });
	expect(result.error.message).toBe('The API answered 400: invalid image input [item 0]');
	expect(result.error.description).toContain('send them with Binary Images instead of Image URLs');
});

describe('answers not quite in the OpenAI shape', () => {
	const answering = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
		server.script = (request) => {
			const completion = completionFor(request.body);
			completion.choices[0].message = { role: 'assistant', ...message } as never;
			return { kind: 'json', status: 200, body: { ...completion, ...extra } };
		};
	};

	test('reasoning_content beside content (DeepSeek-R1, Qwen3, GLM-4.5V) is kept as reasoning', async () => {
		answering({ content: 'A cat.', reasoning_content: 'Whiskers and ears: a cat.' });
		const result = await run({});
		expect(result.items[0].json).toMatchObject({
			content: 'A cat.',
			reasoning: 'Whiskers and ears: a cat.',
		});
	});

	test("content as a list of parts (Mistral's reasoning models): the text joined, the thinking kept", async () => {
		answering({
			content: [
				{ type: 'thinking', thinking: [{ type: 'text', text: 'Pointy ears.' }] },
				{ type: 'text', text: 'A cat.' },
			],
		});
		const result = await run({});
		expect(result.items[0].json).toMatchObject({ content: 'A cat.', reasoning: 'Pointy ears.' });
	});

	test('usage missing or null gives usage null', async () => {
		answering({ content: 'A cat.' }, { usage: null });
		expect((await run({})).items[0].json.usage).toBeNull();
	});

	const errorBodies: Array<[string, number, string, string]> = [
		[
			'a top-level message (vLLM)',
			404,
			JSON.stringify({
				object: 'error',
				message: 'The model `llava` does not exist.',
				type: 'NotFoundError',
				param: null,
				code: 404,
			}),
			'The API answered 404: The model `llava` does not exist.',
		],
		[
			'detail (a FastAPI server)',
			400,
			JSON.stringify({ detail: 'Image too small' }),
			'The API answered 400: Image too small',
		],
		['a plain string', 400, 'bad image', 'The API answered 400: bad image'],
		[
			"a proxy's HTML page with a script",
			502,
			'<!DOCTYPE html><html><head><title>502 Bad Gateway</title><script>window.__cf = {"ray": "8a1"};</script><style>body{color:red}</style></head><body><h1>Bad gateway</h1><p>The web server reported a bad gateway error.</p></body></html>',
			'The API answered 502: 502 Bad Gateway: Bad gateway The web server reported a bad gateway error.',
		],
	];
	test.each(errorBodies)(
		'an error body with %s: the message is its readable part',
		async (_name, status, text, message) => {
			server.script = () => ({
				kind: 'raw',
				status,
				text,
				contentType: text.startsWith('<') ? 'text/html' : 'application/json',
			});
			const result = await run({});
			expect(result.error.message).toBe(`${message} [item 0]`);
		},
	);
});
