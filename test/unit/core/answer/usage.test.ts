import { estimatedCost } from '../../../../nodes/core/answer/usage';

test('estimatedCost: input and output tokens at their prices per million; null without usage', () => {
	const prices = { input: 2.5, output: 10 };
	expect(estimatedCost({ prompt_tokens: 1000, completion_tokens: 200 }, prices)).toBe(0.0045);
	expect(estimatedCost(null, prices)).toBeNull();
	expect(estimatedCost({ total_tokens: 5 }, prices)).toBeNull();
});
