import { readExamples } from '../../../../nodes/core/item/examples';

const text = { json: false };
const binary = { example: { data: '', mimeType: 'image/png' } };

test('examples give one image each, by URL or binary property, and their answers in order', () => {
	const value = {
		example: [
			{ imageSource: 'url', imageUrl: 'https://x.test/red.png', answer: 'red' },
			{ imageSource: 'binary', binaryProperty: 'example', answer: 'blue' },
		],
	};
	expect(readExamples(value, binary, text)).toEqual({
		sources: [{ url: 'https://x.test/red.png' }, { binaryProperty: 'example' }],
		answers: ['red', 'blue'],
	});
	expect(readExamples({}, undefined, text)).toEqual({ sources: [], answers: [] });
});

test.each([
	[{ imageSource: 'url', imageUrl: 'https://x.test/a.png', answer: ' ' }, 'has no Expected Answer'],
	[
		{ imageSource: 'url', imageUrl: '', answer: 'a' },
		'has no image: set its Image URL, or Image From > Binary Property of the Item',
	],
	[
		{ imageSource: 'url', imageUrl: 'https://x.test/a.png, https://x.test/b.png', answer: 'a' },
		'needs one Image URL, got 2',
	],
	[
		{ imageSource: 'binary', binaryProperty: 'missing', answer: 'a' },
		'the item has no binary property "missing" (it has "example"): set Binary Property to the one that holds the example image, or give it by Image URL',
	],
])('an example %j is refused: %s', (example, expected) => {
	expect(() => readExamples({ example: [example] }, binary, text)).toThrow(expected);
});
