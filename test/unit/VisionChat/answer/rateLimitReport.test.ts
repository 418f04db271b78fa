import { tokensUsed } from '../../../../nodes/VisionChat/answer/rateLimitReport';

test('the tokens an answer took: JSON usage, or the last usage of an event stream', () => {
	expect(tokensUsed({ usage: { total_tokens: 812 } })).toBe(812);
	expect(
		tokensUsed(Buffer.from('data: {"usage":null}\n\ndata: {"usage":{"total_tokens": 90}}\n\n')),
	).toBe(90);
	expect(tokensUsed({ usage: null })).toBeUndefined();
});
