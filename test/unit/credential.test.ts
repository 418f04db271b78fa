import { VisionChatApi } from '../../credentials/VisionChatApi.credentials';
import { apiBaseUrl } from '../../credentials/baseUrl';
import { parseExtraHeaders } from '../../credentials/extraHeaders';

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

test('parseExtraHeaders', () => {
	expect(parseExtraHeaders('{"X-Title": "n8n", "X-Num": 5, "authorization": "no"}')).toEqual({
		'X-Title': 'n8n',
		'X-Num': '5',
	});
	expect(parseExtraHeaders('')).toEqual({});
	expect(parseExtraHeaders(undefined)).toEqual({});
	expect(() => parseExtraHeaders('{nope')).toThrow('not valid JSON');
	expect(() => parseExtraHeaders('[1]')).toThrow('must be a JSON object');
});
