import { completionToOutput } from '../../../../nodes/core/answer/output';
import { completionFor } from '../../../server/openAiServer';

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
				tokenUsage: { promptTokens: 11, completionTokens: 14, totalTokens: 25 },
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
		expect(items[0].tokenUsage).toEqual({
			promptTokens: 11,
			completionTokens: 14,
			totalTokens: 25,
		});
		expect(items[1].tokenUsage).toBeUndefined();
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
