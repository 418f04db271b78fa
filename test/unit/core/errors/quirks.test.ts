import { QUIRKS, adaptedBeforeSending } from '../../../../nodes/core/errors/quirks';
import { describeRefusal } from '../../../../nodes/core/errors/refusals';

const hintFor = (status: number, apiMessage: string, sent = {}) =>
	describeRefusal(status, undefined, { error: { message: apiMessage } }, undefined, sent)
		.description;

describe('each known refusal is one row: recognised, explained, and where a changed request avoids it, changed', () => {
	test.each([
		["property 'stream_options' is unsupported", 'turn Stream off'],
		[
			"Unsupported parameter: 'max_tokens'. Use 'max_completion_tokens' instead.",
			'max_completion_tokens only',
		],
		['json_schema is not supported with this model', 'choose "JSON Object"'],
		['This response_format type is unavailable now', 'choose "JSON Object"'],
		['unknown variant `image_url`, expected `text`', 'Choose a vision model'],
		["Unsupported value: 'temperature' does not support 0.2", 'remove Temperature'],
		['top_p is not supported', 'remove Top P'],
	])('%s', (apiMessage, hint) => {
		expect(hintFor(400, apiMessage)).toContain(hint);
	});

	test('an image URL refused by a base64-only API (Ollama) is told apart from a text-only model', () => {
		expect(hintFor(400, 'invalid image input', { sentImageUrls: true })).toContain(
			'instead of Image URLs',
		);
		expect(hintFor(400, 'invalid image input', { sentImageUrls: false })).toContain(
			'Choose a vision model',
		);
	});

	test('one choice only (Anthropic) only when several were asked for', () => {
		expect(hintFor(400, 'n: must be 1', { choices: 2 })).toContain('remove Number of Choices');
		expect(hintFor(400, 'n: must be 1', { choices: 1 })).not.toContain('Number of Choices');
	});

	test('the changes: stream_options dropped, max_tokens sent as max_completion_tokens, nothing when the field is absent', () => {
		const [streamOptions, maxTokens] = QUIRKS.filter((quirk) => quirk.adaptation).map(
			(quirk) => quirk.adaptation!,
		);
		const fields = { model: 'm', max_tokens: 300, stream: true, stream_options: {} };
		expect(streamOptions.change(fields)).toEqual({ model: 'm', max_tokens: 300, stream: true });
		expect(maxTokens.change(fields)).toEqual({
			model: 'm',
			stream: true,
			stream_options: {},
			max_completion_tokens: 300,
		});
		expect(streamOptions.change({ model: 'm' })).toBeUndefined();
		expect(maxTokens.change({ model: 'm' })).toBeUndefined();
	});

	test('before the first request: the reasoning models get max_completion_tokens, a gateway prefix included; others keep max_tokens', () => {
		for (const model of ['o3', 'o4-mini', 'openai/o1', 'gpt-5-mini']) {
			expect([model, adaptedBeforeSending({ model, max_tokens: 9 })]).toEqual([
				model,
				{ model, max_completion_tokens: 9 },
			]);
		}
		for (const model of ['gpt-4o-mini', 'qwen-vl-max', 'glm-4.5v']) {
			expect(adaptedBeforeSending({ model, max_tokens: 9 })).toEqual({ model, max_tokens: 9 });
		}
		expect(adaptedBeforeSending({ model: 'o3' })).toEqual({ model: 'o3' });
	});
});

test('response_format refused in words the table does not know: the JSON Schema falls back as for the known ones', () => {
	const refusal = describeRefusal(
		400,
		undefined,
		{ error: { message: "'response_format.type' must be 'json_object' or 'text'" } },
		undefined,
		{},
	);
	expect(refusal.description).toContain('choose "JSON Object"');
	const schema = { type: 'json_schema', json_schema: { name: 'answer', schema: {} } };
	expect(refusal.adaptation?.change({ model: 'm', response_format: schema })).toEqual({
		model: 'm',
		response_format: { type: 'json_object' },
	});
	// A request that sent no schema is not changed.
	expect(refusal.adaptation?.change({ model: 'm' })).toBeUndefined();
});

test("OpenAI's refusal of the user's own schema is not taken for a gateway without schemas", () => {
	const refusal = describeRefusal(
		400,
		undefined,
		{
			error: {
				message:
					"Invalid schema for response_format 'answer': In context=(), 'additionalProperties' is required to be supplied and to be false.",
			},
		},
		undefined,
		{},
	);
	expect(refusal.adaptation).toBeUndefined();
	expect(refusal.description).not.toContain('choose "JSON Object"');
});
