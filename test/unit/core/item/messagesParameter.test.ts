import { InputProblem } from '../../../../nodes/core/errors/problems';
import { parseMessages, withImageUrls } from '../../../../nodes/core/item/messagesParameter';

const binary = {
	data: { data: '', mimeType: 'image/png' },
	other: { data: '', mimeType: 'image/png' },
};

test('binary: image parts name the item binary properties, in order; URL parts stay as they are', () => {
	const text = JSON.stringify([
		{ role: 'system', content: 'Tag it' },
		{
			role: 'user',
			content: [
				{ type: 'image_url', image_url: { url: 'binary:other', detail: 'high' } },
				{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
				{ type: 'image_url', image_url: { url: 'binary:data' } },
			],
		},
	]);
	const { messages, sources } = parseMessages(text, binary);
	expect(sources).toEqual([{ binaryProperty: 'other' }, { binaryProperty: 'data' }]);
	expect(withImageUrls(messages, ['inline-1', 'inline-2'], 'low')[1].content).toEqual([
		{ type: 'image_url', image_url: { url: 'inline-1', detail: 'high' } },
		{ type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'low' } },
		{ type: 'image_url', image_url: { url: 'inline-2', detail: 'low' } },
	]);
	// The parsed messages are not changed.
	expect(JSON.stringify(messages)).toBe(text);
});

test.each([
	['{"role": "user"}', 'must be a JSON array of messages'],
	['[]', 'must be a JSON array of messages'],
	['[{"role": "robot", "content": "hi"}]', 'message 1 has role "robot"'],
	['[{"role": "user", "content": 5}]', 'message 1 has content that is neither text nor a list'],
	[
		'[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "binary:none"}}]}]',
		'no binary property "none"',
	],
	[
		'[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "ftp://x"}}]}]',
		'uses ftp:',
	],
	['[{"role": "user", "content": [{"type": "image_url"}]}]', 'without image_url.url'],
	['not json', 'is not valid JSON'],
])('Messages %s is refused: %s', (text, expected) => {
	expect(() => parseMessages(text, binary)).toThrow(InputProblem);
	expect(() => parseMessages(text, binary)).toThrow(expected);
});
