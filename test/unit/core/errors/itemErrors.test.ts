import { NodeOperationError } from 'n8n-workflow';

import { forItem, inputError, itemErrorFor } from '../../../../nodes/core/errors/itemErrors';
import { InputError, RequestError, SettingsError } from '../../../../nodes/core/errors/nodeErrors';
import { AnswerProblem, InputProblem } from '../../../../nodes/core/errors/problems';
import { fakeItemReader } from '../fakeItemReader';

const problem = {
	field: 'Stop Sequences',
	message: 'at most 4 are allowed',
	parameter: 'modelParameters.stop',
};

test('a mistake in a setting without an expression is one error about the node, without an item label', () => {
	const reader = fakeItemReader({ saved: { modelParameters: { stop: ['a'] } }, itemIndex: 3 });
	const error = inputError(reader, problem);
	expect(error).toBeInstanceOf(SettingsError);
	expect(error.message).toBe('Stop Sequences: at most 4 are allowed');
	expect(error.description).toBe("Fix Stop Sequences in the node's parameters. Nothing was sent.");
	expect(JSON.parse(JSON.stringify(error)).context?.itemIndex).toBeUndefined();
});

test("the same from an expression, anywhere in the parameter, is the item's error", () => {
	for (const stop of ['={{ $json.stops }}', ['a', '={{ $json.stop }}']]) {
		const reader = fakeItemReader({ saved: { modelParameters: { stop } }, itemIndex: 3 });
		const error = inputError(reader, problem);
		expect(error).toBeInstanceOf(InputError);
		expect(error.message).toBe('Stop Sequences: at most 4 are allowed [item 3]');
	}
	const noParameter = inputError(fakeItemReader({ itemIndex: 1 }), {
		field: 'Prompt',
		message: 'is empty',
	});
	expect(noParameter.message).toBe('Prompt: is empty [item 1]');
});

test("a pure step's problem becomes the item's error: input, answer, or anything else", () => {
	const reader = fakeItemReader({ itemIndex: 2 });
	expect(forItem(reader, () => 42)).toBe(42);
	expect(() =>
		forItem(reader, () => {
			throw new InputProblem('Image URLs', 'is not a URL');
		}),
	).toThrow(
		new InputError(reader.getNode(), 2, { field: 'Image URLs', message: 'is not a URL' }).message,
	);
	const answer = itemErrorFor(
		reader,
		new AnswerProblem('the answer is cut', true, 'Raise Max Tokens.'),
	);
	expect(answer).toBeInstanceOf(RequestError);
	expect((answer as RequestError).retry.retryable).toBe(true);
	expect(answer.message).toBe('The answer is cut [item 2]');
	expect(itemErrorFor(reader, new Error('odd'))).toBeInstanceOf(NodeOperationError);
});
