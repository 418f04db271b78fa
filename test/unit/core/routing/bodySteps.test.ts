import { itemParts } from '../../../../nodes/core/item/itemParts';
import type { ItemReader } from '../../../../nodes/core/itemReader';
import { checkedModelParameters } from '../../../../nodes/core/routing/bodyFieldSteps';
import { fakeItemReader, routedOf } from '../fakeItemReader';

/** Every body field but the messages, as routing and the preSends build them for the item. */
const readBodyFields = (reader: ItemReader) => {
	const { body, parts } = routedOf(reader);
	if (parts.failure) throw parts.failure;
	const { messages, ...fields } = body;
	expect(messages).toEqual([{ role: 'user', content: 'Hi' }]);
	return fields;
};

const model = { __rl: true, mode: 'id', value: 'gpt-4o-mini' };
const prompt = { prompt: 'Hi', binaryImages: 'none' };
const fieldsOf = (values: Record<string, unknown>) =>
	readBodyFields(fakeItemReader({ values: { model, ...prompt, ...values } }));

test('every field but the messages, in one place: the model first, then the parameters the user added', () => {
	expect(fieldsOf({})).toEqual({ model: 'gpt-4o-mini' });
	const fields = fieldsOf({
		modelParameters: {
			temperature: 0.2,
			topP: 0.9,
			n: 2,
			seed: 7,
			frequencyPenalty: 0,
			presencePenalty: 1,
			maxTokens: 50,
			stop: 'END',
			user: ' ',
			logitBias: '{"50256": -100}',
		},
		responseFormat: 'json_object',
		options: { stream: true },
	});
	expect(Object.keys(fields)[0]).toBe('model');
	expect(fields).toEqual({
		model: 'gpt-4o-mini',
		frequency_penalty: 0,
		n: 2,
		presence_penalty: 1,
		seed: 7,
		temperature: 0.2,
		top_p: 0.9,
		response_format: { type: 'json_object' },
		logit_bias: { 50256: -100 },
		stop: ['END'],
		max_tokens: 50,
		stream: true,
		stream_options: { include_usage: true },
	});
});

test("a reasoning model's token limit goes out as max_completion_tokens from the first request", () => {
	const fields = readBodyFields(
		fakeItemReader({
			values: {
				model: { __rl: true, mode: 'id', value: 'o4-mini' },
				...prompt,
				modelParameters: { maxTokens: 50 },
			},
		}),
	);
	expect(fields).toEqual({ model: 'o4-mini', max_completion_tokens: 50 });
});

test('a number outside the range its field declares is the error of the field (an expression passes the editor)', () => {
	const messageOf = (values: Record<string, unknown>) => {
		try {
			fieldsOf(values);
			return undefined;
		} catch (error) {
			return (error as Error).message;
		}
	};
	expect(messageOf({ modelParameters: { temperature: 3 } })).toBe(
		'Temperature: must be between 0 and 2, got 3',
	);
	expect(messageOf({ responseFormat: 'json_schema', jsonSchema: '{"type": "object",' })).toMatch(
		/^JSON Schema: /,
	);
});

test('a number from an expression goes as a number; a field routed by a parameter added later goes as it is', () => {
	const reader = fakeItemReader({ values: { model } });
	const body = { model: 'm', temperature: '0.5', reasoning_effort: 'low' };
	checkedModelParameters(reader, body, itemParts({}));
	expect(body).toEqual({ model: 'm', temperature: 0.5, reasoning_effort: 'low' });
});
