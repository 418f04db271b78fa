/** The Vision Chat node as a user runs it, through n8n-core's engine, against the schema-checking server. */

import { MODELS, apiError, userParts } from '../server/openAiServer';
import { API_KEY, credentialsFor, everythingSaid, visionParameters } from '../support/fixtures';
import { decodeDataUrl, gifBytes, jpegOfSize, makePng, webpBytes } from '../support/images';
import {
	useTestServer,
	listModels,
	logLines,
	requestWatch,
	runVisionChat,
	testCredential,
} from './harness';

const server = useTestServer();
afterEach(() => {
	expect(server.invalidReplies).toEqual([]);
	for (const request of server.completions) expect(request.schemaErrors).toEqual([]);
});

const png = makePng(3, 2, 5);
const pngItem = (name = 'data', data = png) => ({
	json: {},
	binary: { [name]: { data, fileName: `${name}.png`, mimeType: 'image/png' } },
});

describe('credential and base URL', () => {
	test.each([
		['', '/v1/chat/completions'],
		['/', '/v1/chat/completions'],
		['/v1', '/v1/chat/completions'],
		['/v1/', '/v1/chat/completions'],
		['/api/v1', '/api/v1/chat/completions'],
		['/api/v1/', '/api/v1/chat/completions'],
		['/v1/chat/completions', '/v1/chat/completions'],
	])('base URL "{server}%s" sends to %s', async (suffix, path) => {
		const result = await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters(),
			credentials: credentialsFor(server, suffix),
		});
		expect(result.error).toBeUndefined();
		expect(server.completions.map((request) => request.path)).toEqual([path]);
	});

	test('sends the bearer key and the extra headers; an Authorization extra header is refused, nothing sent', async () => {
		await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters(),
			credentials: {
				...credentialsFor(server),
				extraHeaders: 'HTTP-Referer: https://example.com\nX-Title: n8n test',
			},
		});
		const [request] = server.completions;
		expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(request.headers['http-referer']).toBe('https://example.com');
		expect(request.headers['x-title']).toBe('n8n test');

		server.reset();
		const refused = await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters(),
			credentials: { ...credentialsFor(server), extraHeaders: 'Authorization: Bearer other' },
		});
		expect(refused.error.message).toContain(
			"The credential's Extra Headers set Authorization: remove it, the API Key field sets it",
		);
		expect(server.requests).toHaveLength(0);
	});

	test('a run of many items reads its credential once, not once per request or per refusal; the next run reads it again, so a changed key counts', async () => {
		const before = requestWatch.credentialReads;
		const first = await runVisionChat({
			items: Array.from({ length: 30 }, () => pngItem()),
			parameters: visionParameters(),
			credentials: credentialsFor(server),
		});
		expect(first.items).toHaveLength(30);
		expect(server.completions).toHaveLength(30);
		// n8n's routing reads it once for its own expressions, the node once for all its requests.
		expect(requestWatch.credentialReads - before).toBeLessThanOrEqual(2);

		// Refused answers are worded with the credential the requests went out with: no read each.
		const beforeRefusals = requestWatch.credentialReads;
		const changed = await runVisionChat({
			items: [pngItem(), pngItem()],
			parameters: visionParameters(),
			credentials: { ...credentialsFor(server), apiKey: 'sk-changed-key-0000' },
			continueOnFail: true,
		});
		expect(changed.items.map((item) => item.json.error)).toEqual([
			expect.stringContaining('The API answered 401'),
			expect.stringContaining('The API answered 401'),
		]);
		expect(server.completions.slice(30).map((request) => request.headers.authorization)).toEqual([
			'Bearer sk-changed-key-0000',
			'Bearer sk-changed-key-0000',
		]);
		expect(requestWatch.credentialReads - beforeRefusals).toBeLessThanOrEqual(2);
	});

	test('the credential test passes with the right key and shows the API message for a wrong one', async () => {
		const good = await testCredential(credentialsFor(server, ''));
		expect(good.error).toBeUndefined();
		expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /v1/models',
		]);
		const bad = await testCredential({ ...credentialsFor(server), apiKey: 'sk-wrong-key-000000' });
		expect(bad.error).toBeDefined();
		expect(`${bad.error.message} ${bad.error.description}`).toContain(
			'Incorrect API key provided.',
		);
	});

	test('the model list holds every model of GET /models, sorted, and the search filters it', async () => {
		const all = await listModels(credentialsFor(server, '/'));
		expect(all.results.map((result) => result.value)).toEqual(
			[...MODELS].sort((a, b) => a.localeCompare(b)),
		);
		const some = await listModels(credentialsFor(server), 'GPT-4O');
		expect(some.results.map((result) => result.value)).toEqual(['gpt-4o', 'gpt-4o-mini']);
		expect(server.requests.every((request) => request.path === '/v1/models')).toBe(true);
	});
});

describe('request body', () => {
	test('without options only model and messages are sent, and a model chosen from the list is sent by its ID', async () => {
		await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters({ model: { __rl: true, mode: 'list', value: 'llava:13b' } }),
			credentials: credentialsFor(server),
		});
		expect(Object.keys(server.completions[0].body).sort()).toEqual(['messages', 'model']);
		expect(server.completions[0].body.model).toBe('llava:13b');
		// The body leaves as bytes the HTTP client does not type itself: it must still say JSON.
		const { headers } = server.completions[0];
		expect(headers['content-type']).toBe('application/json');
		expect(Number(headers['content-length'])).toBe(
			Buffer.byteLength(JSON.stringify(server.completions[0].body)),
		);
	});

	test('an empty User is left out, as an empty box means not set', async () => {
		await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters({ modelParameters: { user: '', temperature: 0.5 } }),
			credentials: credentialsFor(server),
		});
		expect(server.completions[0].body.user).toBeUndefined();
		expect(server.completions[0].body.temperature).toBe(0.5);
	});

	test('a Stop Sequences box left empty (n8n saves [[]]) is ignored: nothing is sent for it, every item succeeds', async () => {
		const result = await runVisionChat({
			items: [pngItem(), pngItem()],
			parameters: visionParameters({ modelParameters: { stop: [[]] } }),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(server.completions.map(({ body }) => 'stop' in body)).toEqual([false, false]);

		server.reset();
		await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters({ modelParameters: { stop: ['END', [], '', 42] } }),
			credentials: credentialsFor(server),
		});
		expect(server.completions[0].body.stop).toEqual(['END', '42']);
	});

	test('every model parameter reaches its body field with its value', async () => {
		await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters({
				modelParameters: {
					temperature: 0.2,
					topP: 0.9,
					n: 2,
					maxTokens: 300,
					stop: ['END', 'STOP'],
					presencePenalty: -0.5,
					frequencyPenalty: 0.75,
					logitBias: '{"50256": -100, "15": 20}',
					user: 'user-42',
					seed: 42,
				},
			}),
			credentials: credentialsFor(server),
		});
		const { body } = server.completions[0];
		expect(body).toMatchObject({
			temperature: 0.2,
			top_p: 0.9,
			n: 2,
			max_tokens: 300,
			stop: ['END', 'STOP'],
			presence_penalty: -0.5,
			frequency_penalty: 0.75,
			logit_bias: { 50256: -100, 15: 20 },
			user: 'user-42',
			seed: 42,
		});
		expect(body.max_completion_tokens).toBeUndefined();
		expect(body.stream).toBeUndefined();
	});

	test('Max Tokens goes to max_completion_tokens for the OpenAI reasoning models that require it', async () => {
		for (const model of ['o4-mini', 'gpt-5-mini', 'openai/o3']) {
			server.reset();
			await runVisionChat({
				items: [pngItem()],
				parameters: visionParameters({
					model: { __rl: true, mode: 'id', value: model },
					modelParameters: { maxTokens: 77 },
				}),
				credentials: credentialsFor(server),
			});
			expect([model, server.completions[0].body.max_completion_tokens]).toEqual([model, 77]);
			expect(server.completions[0].body.max_tokens).toBeUndefined();
		}
	});

	test('the system message comes first, the prompt is an expression of the item', async () => {
		await runVisionChat({
			items: [{ ...pngItem(), json: { product: 'red shoe' } }],
			parameters: visionParameters({
				prompt: '=Tag this {{ $json.product }}',
				systemMessage: 'You tag products.',
			}),
			credentials: credentialsFor(server),
		});
		const { messages } = server.completions[0].body;
		expect(messages[0]).toEqual({ role: 'system', content: 'You tag products.' });
		expect(messages[1].content[0]).toEqual({ type: 'text', text: 'Tag this red shoe' });
	});

	test('no image at all is a plain chat completion', async () => {
		const result = await runVisionChat({
			items: [{ json: {} }],
			parameters: visionParameters({ binaryImages: 'none', prompt: 'Say hello' }),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
		expect(server.completions[0].body.messages).toEqual([{ role: 'user', content: 'Say hello' }]);
		expect(result.items[0].json.content).toBe('Choice 0: saw 0 image(s) for "Say hello"');
	});
});

describe('images', () => {
	test('the first thing people try: a Prompt and one Image URL, nothing else set, is answered', async () => {
		const result = await runVisionChat({
			items: [{ json: {} }],
			parameters: visionParameters({
				prompt: 'What is in the picture?',
				imageUrls: 'https://example.com/cat.jpg',
			}),
			credentials: credentialsFor(server),
			typeVersion: 1.1,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.content).toBe(
			'Choice 0: saw 1 image(s) for "What is in the picture?"',
		);
		const [, image] = userParts(server.completions[0].body);
		expect(image.image_url.url).toBe('https://example.com/cat.jpg');
	});

	test('the request object the engine keeps for an item never holds its images; the node sends ready JSON bytes', async () => {
		// Spies on the engine (not on the node): what RoutingNode keeps per item, and what n8n's
		// request helper sends.
		const { RoutingNode } = require('n8n-core');
		const kept: any[] = [];
		const sentBodies: unknown[] = [];
		const makeRequest = RoutingNode.prototype.makeRequest;
		RoutingNode.prototype.makeRequest = function (this: any, requestData: any, ...rest: any[]) {
			kept.push(requestData);
			return makeRequest.call(this, requestData, ...rest);
		};
		requestWatch.onSend = (sent) => sentBodies.push(sent.body);
		try {
			const result = await runVisionChat({
				items: [pngItem(), pngItem()],
				parameters: visionParameters(),
				credentials: credentialsFor(server),
			});
			expect(result.error).toBeUndefined();
		} finally {
			RoutingNode.prototype.makeRequest = makeRequest;
			requestWatch.onSend = undefined;
		}
		expect(server.completions).toHaveLength(2);
		expect(kept).toHaveLength(2);
		// The engine keeps the body the parameters' routing built, the image a placeholder in it,
		// never its bytes: the node reads those once the item holds its slot.
		for (const requestData of kept) {
			expect(requestData.options.body).toEqual({
				model: 'gpt-4o-mini',
				messages: [
					{
						role: 'user',
						content: [
							{ type: 'text', text: 'Describe this image' },
							{
								type: 'image_url',
								image_url: { url: expect.stringMatching(/^inline-image-\w+-0$/), detail: 'auto' },
							},
						],
					},
				],
			});
		}
		expect(sentBodies.map((body) => Buffer.isBuffer(body))).toEqual([true, true]);
		expect(sentBodies.map((body) => JSON.parse(String(body)).model)).toEqual([
			'gpt-4o-mini',
			'gpt-4o-mini',
		]);
	});

	test('several images in one request: named binaries in the order given, then URLs, with the detail chosen', async () => {
		const jpeg = jpegOfSize(2000);
		const result = await runVisionChat({
			items: [
				{
					json: { urls: ['https://example.com/a.jpg', 'https://example.com/b.png'] },
					binary: {
						photo: { data: jpeg, fileName: 'photo.jpg', mimeType: 'image/jpeg' },
						thumb: { data: webpBytes, fileName: 'thumb.webp', mimeType: 'image/webp' },
						anim: { data: gifBytes, fileName: 'anim.gif', mimeType: 'image/gif' },
					},
				},
			],
			parameters: visionParameters({
				binaryPropertyNames: 'anim, photo,thumb',
				imageUrls: '={{ $json.urls }}',
				imageDetail: 'low',
			}),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
		const parts = userParts(server.completions[0].body);
		expect(parts.map((part) => part.type)).toEqual([
			'text',
			'image_url',
			'image_url',
			'image_url',
			'image_url',
			'image_url',
		]);
		const images = parts.slice(1).map((part) => part.image_url);
		expect(images.every((image) => image.detail === 'low')).toBe(true);
		const decoded = images.slice(0, 3).map((image) => decodeDataUrl(image.url));
		expect(decoded.map((image) => image.mimeType)).toEqual([
			'image/gif',
			'image/jpeg',
			'image/webp',
		]);
		expect(decoded[0].bytes.equals(gifBytes)).toBe(true);
		expect(decoded[1].bytes.equals(jpeg)).toBe(true);
		expect(decoded[2].bytes.equals(webpBytes)).toBe(true);
		expect(images.slice(3).map((image) => image.url)).toEqual([
			'https://example.com/a.jpg',
			'https://example.com/b.png',
		]);
		expect(result.items[0].json.content).toContain('saw 5 image(s)');
	});

	test('All Binary Properties sends every binary of the item', async () => {
		const second = makePng(2, 2, 9);
		await runVisionChat({
			items: [
				{
					json: {},
					binary: {
						first: { data: png, mimeType: 'image/png' },
						second: { data: second, mimeType: 'image/png' },
					},
				},
			],
			parameters: visionParameters({ binaryImages: 'all', imageDetail: 'high' }),
			credentials: credentialsFor(server),
		});
		const images = userParts(server.completions[0].body)
			.slice(1)
			.map((part) => part.image_url);
		expect(images.map((image) => decodeDataUrl(image.url).bytes)).toEqual([png, second]);
		expect(images.map((image) => image.detail)).toEqual(['high', 'high']);
	});

	test('URL text separated by commas and new lines, data:image URLs kept whole', async () => {
		const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
		await runVisionChat({
			items: [{ json: {} }],
			parameters: visionParameters({
				binaryImages: 'none',
				imageUrls: `https://example.com/1.jpg, https://example.com/2.jpg\n${dataUrl}\nhttps://cdn.example.com/w_100,h_100/3.jpg`,
			}),
			credentials: credentialsFor(server),
		});
		const urls = userParts(server.completions[0].body)
			.slice(1)
			.map((part) => part.image_url.url);
		expect(urls).toEqual([
			'https://example.com/1.jpg',
			'https://example.com/2.jpg',
			dataUrl,
			'https://cdn.example.com/w_100,h_100/3.jpg',
		]);
	});
});

describe('answers', () => {
	test('streamed with n = 2, the output equals the output without streaming', async () => {
		const parameters = (stream: boolean) =>
			visionParameters({ simplify: false, modelParameters: { n: 2 }, options: { stream } });
		const plain = await runVisionChat({
			items: [pngItem()],
			parameters: parameters(false),
			credentials: credentialsFor(server),
		});
		const streamed = await runVisionChat({
			items: [pngItem()],
			parameters: parameters(true),
			credentials: credentialsFor(server),
		});
		expect(streamed.error).toBeUndefined();
		expect(server.completions[1].body.stream).toBe(true);
		expect(server.completions[1].body.stream_options).toEqual({ include_usage: true });
		const withoutId = (json: any) => ({ ...json, id: undefined });
		expect(withoutId(streamed.items[0].json)).toEqual(withoutId(plain.items[0].json));
		expect(
			(streamed.items[0].json.choices as any[]).map((choice) => choice.message.content),
		).toEqual([
			'Choice 0: saw 1 image(s) for "Describe this image"',
			'Choice 1: saw 1 image(s) for "Describe this image"',
		]);
		expect(streamed.items[0].json.usage).toEqual({
			prompt_tokens: 12,
			completion_tokens: 14,
			total_tokens: 26,
		});
	});

	test('JSON object answers are parsed', async () => {
		const result = await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters({ responseFormat: 'json_object' }),
			credentials: credentialsFor(server),
		});
		expect(server.completions[0].body.response_format).toEqual({ type: 'json_object' });
		expect(result.items[0].json.parsed).toEqual({
			caption: 'a test image (1 seen)',
			tags: ['image-1'],
			confidence: 0.9,
			choice: 0,
		});
	});

	test('JSON schema: name, schema and strict are sent; the answer is parsed', async () => {
		const schema = {
			type: 'object',
			properties: { tags: { type: 'array', items: { type: 'string' } } },
			required: ['tags'],
		};
		const result = await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters({
				responseFormat: 'json_schema',
				jsonSchemaName: 'product_tags',
				jsonSchema: JSON.stringify(schema),
				jsonSchemaStrict: false,
			}),
			credentials: credentialsFor(server),
		});
		expect(server.completions[0].body.response_format).toEqual({
			type: 'json_schema',
			json_schema: { name: 'product_tags', schema, strict: false },
		});
		expect((result.items[0].json.parsed as any).tags).toEqual(['image-1']);
	});

	test('Split Choices gives one item per choice, each paired to its input; Keep Binary keeps the input binary', async () => {
		const result = await runVisionChat({
			items: [pngItem(), pngItem()],
			parameters: visionParameters({
				modelParameters: { n: 3 },
				options: { splitChoices: true, keepBinary: true },
			}),
			credentials: credentialsFor(server),
		});
		expect(result.items).toHaveLength(6);
		expect(result.items.map((item) => item.json.index)).toEqual([0, 1, 2, 0, 1, 2]);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 1, 1, 1].map((item) => ({ item })),
		);
		expect(result.items[2].json.content).toBe('Choice 2: saw 1 image(s) for "Describe this image"');
		expect(result.items[0].binary?.data.mimeType).toBe('image/png');
	});

	test('without Keep Binary the output has no binary', async () => {
		const result = await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters(),
			credentials: credentialsFor(server),
		});
		expect(result.items[0].binary).toBeUndefined();
	});
});

describe('API errors', () => {
	const noRetries = { options: { maxRetries: 0 } };

	test('401: the node error names the item, the status and the API message; the key is nowhere', async () => {
		const result = await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters(noRetries),
			credentials: { ...credentialsFor(server), apiKey: 'sk-wrong-but-secret-key-999' },
		});
		expect(result.error.message).toBe('The API answered 401: Incorrect API key provided. [item 0]');
		expect(result.error.description).toContain('API Key');
		expect(result.error.httpCode).toBe('401');
		expect(everythingSaid(result, logLines)).not.toContain('sk-wrong-but-secret-key-999');
	});

	test.each([
		[400, apiError('Invalid image: the file could not be decoded.')],
		[429, apiError('Rate limit reached for requests', 'requests', 'rate_limit_exceeded')],
		[500, apiError('The server had an error while processing your request.', 'server_error')],
	])('%i with an error body', async (status, body) => {
		server.script = () => ({ kind: 'json', status, body });
		const result = await runVisionChat({
			items: [pngItem()],
			parameters: visionParameters(noRetries),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe(`The API answered ${status}: ${body.error.message} [item 0]`);
		expect(result.error.httpCode).toBe(String(status));
		expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
	});

	test('Continue On Fail: failing items become error items, every other item gets its answer, in order', async () => {
		server.script = (request) =>
			userParts(request.body)[0].text === 'fail'
				? { kind: 'json', status: 400, body: apiError('Bad image') }
				: undefined;
		const prompts = ['ok 0', 'fail', 'ok 2', 'fail', 'ok 4'];
		const result = await runVisionChat({
			items: prompts.map((prompt) => ({ ...pngItem(), json: { prompt } })),
			parameters: visionParameters({ prompt: '={{ $json.prompt }}', ...noRetries }),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(result.items.map((item) => item.json.content ?? item.json.error)).toEqual([
			'Choice 0: saw 1 image(s) for "ok 0"',
			'The API answered 400: Bad image [item 1]',
			'Choice 0: saw 1 image(s) for "ok 2"',
			'The API answered 400: Bad image [item 3]',
			'Choice 0: saw 1 image(s) for "ok 4"',
		]);
		expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
	});
});
