import { VisionChatApi } from '../../credentials/VisionChatApi.credentials';
import { apiBaseUrl } from '../../credentials/baseUrl';
import { extraHeadersOf, parseExtraHeaders } from '../../credentials/extraHeaders';

const forms: Array<[string | undefined, string]> = [
	['https://api.example.com', 'https://api.example.com/v1'],
	['https://api.example.com/', 'https://api.example.com/v1'],
	['https://api.example.com/v1', 'https://api.example.com/v1'],
	['https://api.example.com/v1/', 'https://api.example.com/v1'],
	['https://api.example.com/v1/chat/completions', 'https://api.example.com/v1'],
	['https://openrouter.ai/api/v1', 'https://openrouter.ai/api/v1'],
	['http://localhost:11434/v1', 'http://localhost:11434/v1'],
	['http://localhost:11434', 'http://localhost:11434/v1'],
	['  https://api.example.com//  ', 'https://api.example.com/v1'],
	// A root with a path is used as typed: versioned APIs without /v1.
	['https://open.bigmodel.cn/api/paas/v4', 'https://open.bigmodel.cn/api/paas/v4'],
	[
		'https://generativelanguage.googleapis.com/v1beta/openai/',
		'https://generativelanguage.googleapis.com/v1beta/openai',
	],
	[
		'https://ark.cn-beijing.volces.com/api/v3/chat/completions',
		'https://ark.cn-beijing.volces.com/api/v3',
	],
	['https://qianfan.baidubce.com/v2', 'https://qianfan.baidubce.com/v2'],
	// Perplexity serves at its bare host's root.
	['https://api.perplexity.ai', 'https://api.perplexity.ai'],
	[undefined, 'https://api.openai.com/v1'],
];

test.each(forms)('apiBaseUrl(%j) = %s', (input, expected) =>
	expect(apiBaseUrl(input)).toBe(expected),
);

test.each(forms)('the credential sends every request for %j to %s', async (input, expected) => {
	const value = (
		await new VisionChatApi().authenticate(
			{ apiKey: 'k', baseUrl: input as string },
			{ url: '/models' },
		)
	).baseURL;
	expect(value).toBe(expected);
});

test('Extra Headers: "Name: value" lines or a JSON object; an Authorization header is refused', () => {
	expect(parseExtraHeaders('HTTP-Referer: https://example.com\r\n\nX-Title:  n8n ')).toEqual({
		'HTTP-Referer': 'https://example.com',
		'X-Title': 'n8n',
	});
	expect(parseExtraHeaders('{"X-Title": "n8n", "X-Num": 5}')).toEqual({
		'X-Title': 'n8n',
		'X-Num': '5',
	});
	expect(parseExtraHeaders('')).toEqual({});
	expect(parseExtraHeaders('  \n ')).toEqual({});
	expect(parseExtraHeaders(undefined)).toEqual({});
	expect(() => parseExtraHeaders('{nope')).toThrow('not valid JSON');
	expect(() => parseExtraHeaders('just text')).toThrow('"just text" is not a header');
	expect(() => parseExtraHeaders('{"authorization": "Bearer other"}')).toThrow(
		'Extra Headers set Authorization: remove it, the API Key field sets it',
	);
	expect(() => parseExtraHeaders('Authorization: Bearer other')).toThrow('set Authorization');
});

test("Extra Headers as JSON: a value that is an object, a list or null, or a name HTTP does not allow, is the credential's clear error", () => {
	expect(() => parseExtraHeaders('{"X-Meta": {"toString": 0}}')).toThrow(
		'the value of X-Meta must be text or a number, not an object',
	);
	expect(() => parseExtraHeaders('{"X-Tags": ["a"]}')).toThrow('not a list');
	expect(() => parseExtraHeaders('{"X-None": null}')).toThrow('not null');
	expect(() => parseExtraHeaders('{"": "x"}')).toThrow('"" is not a header name');
	expect(() => parseExtraHeaders('{"X Title": "x"}')).toThrow('"X Title" is not a header name');
	expect(parseExtraHeaders('{"X-Flag": true}')).toEqual({ 'X-Flag': 'true' });
});

test('Extra Headers are parsed once per text, not for every request; a text that fails fails every time', () => {
	const text = 'X-Title: n8n\nHTTP-Referer: https://example.com';
	const first = extraHeadersOf(text);
	expect(first).toEqual({ 'X-Title': 'n8n', 'HTTP-Referer': 'https://example.com' });
	expect(extraHeadersOf(`${text}`)).toBe(first);
	expect(extraHeadersOf('X-Title: other')).toEqual({ 'X-Title': 'other' });
	const failureOf = () => {
		try {
			extraHeadersOf('just text');
		} catch (error) {
			return error as Error;
		}
		throw new Error('no failure');
	};
	const [failed, failedAgain] = [failureOf(), failureOf()];
	expect(failed.message).toContain('"just text" is not a header');
	expect(failedAgain.message).toBe(failed.message);
	expect(failedAgain).not.toBe(failed);
	expect(extraHeadersOf(undefined)).toEqual({});
});
