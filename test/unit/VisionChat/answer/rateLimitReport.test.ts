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
	expect(tokensUsed({ usage: null })).toBeUndefined();
});
