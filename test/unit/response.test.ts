import { apiErrorMessage, describeHttpFailure } from '../../nodes/VisionChat/failures/httpFailure';
import { AnswerProblem } from '../../nodes/VisionChat/failures/problems';
import { redact } from '../../nodes/VisionChat/failures/redact';
import { assembleEventStream } from '../../nodes/VisionChat/response/eventStream';
import { completionToOutput } from '../../nodes/VisionChat/response/output';
import { estimatedCost } from '../../nodes/VisionChat/response/usage';
import { modelList } from '../../nodes/VisionChat/methods/searchModels';
import { completionFor, streamChunksFor } from '../server/openAiServer';

const sse = (chunks: unknown[], done = true) =>
	chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') +
	(done ? 'data: [DONE]\n\n' : '');

describe('assembleEventStream', () => {
	const body = {
		model: 'm',
		n: 2,
		messages: [{ role: 'user', content: 'hello' }],
		stream: true,
		stream_options: { include_usage: true },
	};
	test('gives the completion the non-streamed call returns (n = 2, usage last)', () => {
		const completion = completionFor(body);
		const assembled = assembleEventStream(sse(streamChunksFor(body)));
		expect({ ...assembled, id: 'x' }).toEqual({ ...completion, id: 'x' });
	});
	test('joins content and refusal pieces, accepts CRLF lines and comments', () => {
		const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
		const text =
			': keep-alive\r\n' +
			sse([
				{
					...base,
					choices: [
						{
							index: 0,
							delta: { role: 'assistant', content: 'I can', refusal: 'I will' },
							finish_reason: null,
						},
					],
				},
				{
					...base,
					choices: [
						{ index: 0, delta: { content: 'not', refusal: ' not' }, finish_reason: 'stop' },
					],
				},
			]).replace(/\n\n/g, '\r\n\r\n');
		const [choice] = assembleEventStream(text).choices as any[];
		expect(choice.message).toEqual({
			role: 'assistant',
			content: 'I cannot',
			refusal: 'I will not',
		});
		expect(choice.finish_reason).toBe('stop');
	});
	test('a stream without [DONE] is cut off (retryable); an error event is not', () => {
		expect(() => assembleEventStream(sse(streamChunksFor(body), false))).toThrow(
			new AnswerProblem(
				'the event stream ended before "data: [DONE]": the answer was cut off',
				true,
			),
		);
		expect(() => assembleEventStream(sse([{ error: { message: 'content filter' } }]))).toThrow(
			'content filter',
		);
	});
});

describe('completionToOutput', () => {
	const completion = completionFor({
		model: 'm',
		n: 2,
		messages: [{ role: 'user', content: 'x' }],
	});
	const shape = { simplify: true, splitChoices: false, parseJson: false };
	test('simplified: the first answer with its usage, model and finish_reason; every paid choice beside it', () => {
		expect(completionToOutput(completion, shape)).toEqual([
			{
				content: 'Choice 0: saw 0 image(s) for "x"',
				usage: completion.usage,
				model: 'm',
				finish_reason: 'stop',
				choices: [
					{ index: 0, content: 'Choice 0: saw 0 image(s) for "x"', finish_reason: 'stop' },
					{ index: 1, content: 'Choice 1: saw 0 image(s) for "x"', finish_reason: 'stop' },
				],
			},
		]);
	});
	test('simplified with one choice: no list of choices', () => {
		const single = completionFor({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
		expect(completionToOutput(single, shape)[0]).not.toHaveProperty('choices');
	});
	test('simplified with JSON: each choice has its own parsed answer', () => {
		const json = completionFor({
			model: 'm',
			n: 2,
			response_format: { type: 'json_object' },
			messages: [{ role: 'user', content: 'x' }],
		});
		const [item] = completionToOutput(json, { ...shape, parseJson: true });
		expect((item.choices as any[]).map((choice) => choice.parsed.choice)).toEqual([0, 1]);
	});
	test('simplified and split: one item per choice, with its index', () => {
		const items = completionToOutput(completion, { ...shape, splitChoices: true });
		expect(items.map((item) => [item.index, item.content, item.finish_reason])).toEqual([
			[0, 'Choice 0: saw 0 image(s) for "x"', 'stop'],
			[1, 'Choice 1: saw 0 image(s) for "x"', 'stop'],
		]);
		// The request's usage once, on the first choice's item: a sum over the items is the bill.
		expect(items[0].usage).toEqual(completion.usage);
		expect(items[1].usage).toBeNull();
		expect(items[1]).not.toHaveProperty('choices');
	});
	test('not simplified: the API answer as it came; split, each item holds its one choice', () => {
		expect(completionToOutput(completion, { ...shape, simplify: false })).toEqual([completion]);
		const items = completionToOutput(completion, {
			...shape,
			simplify: false,
			splitChoices: true,
		});
		expect(items).toEqual([
			{ ...completion, choices: [completion.choices[0]] },
			{ ...completion, choices: [completion.choices[1]], usage: null },
		]);
	});
	test("a gateway's reasoning_content (DeepSeek, Qwen, GLM) or reasoning (OpenRouter) is kept as reasoning", () => {
		const withThinking = (message: Record<string, unknown>) => ({
			choices: [{ index: 0, message: { role: 'assistant', content: 'A cat.', ...message } }],
		});
		expect(
			completionToOutput(withThinking({ reasoning_content: 'Whiskers, so a cat.' }), shape)[0],
		).toMatchObject({ content: 'A cat.', reasoning: 'Whiskers, so a cat.' });
		expect(completionToOutput(withThinking({ reasoning: 'Fur.' }), shape)[0].reasoning).toBe(
			'Fur.',
		);
		expect(completionToOutput(withThinking({}), shape)[0]).not.toHaveProperty('reasoning');
	});
	test('JSON answers are parsed, also inside a ```json fence; invalid JSON says why', () => {
		const answer = (content: string, finish_reason = 'stop') => ({
			choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason }],
		});
		expect(
			completionToOutput(answer('{"a":1}'), {
				simplify: true,
				splitChoices: false,
				parseJson: true,
			})[0].parsed,
		).toEqual({ a: 1 });
		expect(
			completionToOutput(answer('```json\n{"a":2}\n```'), {
				simplify: true,
				splitChoices: false,
				parseJson: true,
			})[0].parsed,
		).toEqual({ a: 2 });
		expect(() =>
			completionToOutput(answer('{"a":'), { simplify: true, splitChoices: false, parseJson: true }),
		).toThrow("the model's answer is not valid JSON");
		expect(() =>
			completionToOutput(answer('{"a":', 'length'), {
				simplify: true,
				splitChoices: false,
				parseJson: true,
			}),
		).toThrow(
			expect.objectContaining({ description: expect.stringContaining('raise Maximum Tokens') }),
		);
	});
	test('no choices is an error', () => {
		expect(() => completionToOutput({ choices: [] }, shape)).toThrow('no choices');
	});
});

describe('API errors', () => {
	test("apiErrorMessage finds the API's words", () => {
		expect(apiErrorMessage({ error: { message: 'm1' } })).toBe('m1');
		expect(apiErrorMessage({ error: 'm2' })).toBe('m2');
		expect(apiErrorMessage({ detail: 'm3' })).toBe('m3');
		expect(apiErrorMessage('{"error":{"message":"m4"}}')).toBe('m4');
		expect(apiErrorMessage('plain text')).toBe('plain text');
		expect(apiErrorMessage({})).toBeUndefined();
	});
	test('describeHttpFailure: message, hint and retryability', () => {
		expect(
			describeHttpFailure(429, 'Too Many Requests', { error: { message: 'slow' } }),
		).toMatchObject({ message: 'the API answered 429: slow', retryable: true });
		expect(describeHttpFailure(401, 'Unauthorized', '')).toMatchObject({
			message: 'the API answered 401: Unauthorized',
			retryable: false,
		});
		for (const status of [400, 401, 403, 404, 413])
			expect(describeHttpFailure(status, '', {}).retryable).toBe(false);
		for (const status of [408, 409, 429, 500, 502, 503, 504])
			expect(describeHttpFailure(status, '', {}).retryable).toBe(true);
		expect(describeHttpFailure(301, '', '', 'https://new.test').description).toContain(
			'https://new.test',
		);
	});
	test('redact', () => {
		expect(redact('key sk-abcdef here sk-abcdef', 'sk-abcdef')).toBe('key *** here ***');
		expect(redact({ a: ['sk-abcdef'] }, 'sk-abcdef')).toEqual({ a: ['***'] });
		expect(redact('abc', '')).toBe('abc');
	});
});

test('modelList: every ID, sorted, filtered by the search text only', () => {
	const body = { data: [{ id: 'b' }, { id: 'A-vision' }, { id: 'c-VISION' }, { id: '' }] };
	expect(modelList(body).results.map((result) => result.value)).toEqual([
		'A-vision',
		'b',
		'c-VISION',
	]);
	expect(modelList(body, 'vision').results.map((result) => result.value)).toEqual([
		'A-vision',
		'c-VISION',
	]);
	expect(modelList({}).results).toEqual([]);
});

test('estimatedCost: input and output tokens at their prices per million; null without usage', () => {
	const prices = { input: 2.5, output: 10 };
	expect(estimatedCost({ prompt_tokens: 1000, completion_tokens: 200 }, prices)).toBe(0.0045);
	expect(estimatedCost(null, prices)).toBeNull();
	expect(estimatedCost({ total_tokens: 5 }, prices)).toBeNull();
});
