import { Workflow } from 'n8n-workflow';

import { API_BASE_URL_EXPRESSION, apiBaseUrl } from '../../nodes/VisionChat/transport/apiBaseUrl';
import { parseExtraHeaders } from '../../nodes/VisionChat/transport/extraHeaders';

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

test.each(forms)('apiBaseUrl(%j) = %s', (input, expected) => expect(apiBaseUrl(input)).toBe(expected));

test.each(forms)('the n8n expression gives the same for %j', (input, expected) => {
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: { getByName: () => ({}) as never, getByNameAndVersion: () => ({}) as never, getKnownTypes: () => ({}) } });
	const value = workflow.expression.getSimpleParameterValue(
		{ id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} },
		API_BASE_URL_EXPRESSION,
		'manual',
		{ $credentials: { baseUrl: input } },
	);
	expect(value).toBe(expected);
});

test('parseExtraHeaders', () => {
	expect(parseExtraHeaders('{"X-Title": "n8n", "X-Num": 5, "authorization": "no"}')).toEqual({ 'X-Title': 'n8n', 'X-Num': '5' });
	expect(parseExtraHeaders('')).toEqual({});
	expect(parseExtraHeaders(undefined)).toEqual({});
	expect(() => parseExtraHeaders('{nope')).toThrow('not valid JSON');
	expect(() => parseExtraHeaders('[1]')).toThrow('must be a JSON object');
});
