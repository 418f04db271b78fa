import { tokensUsed } from '../../../../nodes/VisionChat/answer/rateLimitReport';

test('the tokens an answer took: JSON usage, or the last usage of an event stream', () => {
	expect(tokensUsed({ usage: { total_tokens: 812 } })).toBe(812);
	expect(
		tokensUsed(Buffer.from('data: {"usage":null}\n\ndata: {"usage":{"total_tokens": 90}}\n\n')),
	).toBe(90);
	expect(
		tokensUsed(
			'data: {"usage":{"total_tokens":12}}\n\ndata: {"usage":{"total_tokens":345}}\n\ndata: [DONE]\n\n',
		),
	).toBe(345);
	expect(tokensUsed(Buffer.from('data: {"choices":[]}\n\ndata: [DONE]\n\n'))).toBeUndefined();
	// The answer's own text cannot pass for the count: its quotes are escaped.
	expect(
		tokensUsed(
			'data: {"usage":{"total_tokens":7}}\n\ndata: {"choices":[{"delta":{"content":"\\"total_tokens\\": 99"}}]}\n\ndata: [DONE]\n\n',
		),
	).toBe(7);
	// The latest usage says no count: none, not an older one.
	expect(
		tokensUsed('data: {"usage":{"total_tokens":7}}\n\ndata: {"usage":{"total_tokens":null}}\n\n'),
	).toBeUndefined();
	expect(tokensUsed({ usage: null })).toBeUndefined();
});
