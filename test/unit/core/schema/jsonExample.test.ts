import { jsonExampleSchema } from '../../../../nodes/core/schema/jsonExample';
import { answerProblems } from '../../../../nodes/core/schema/checkAnswer';
import { strictRuleBreaks } from './strictRules';

test('a nested receipt example gives its schema: types, dates, lists of objects, nested objects', () => {
	const example = {
		vendor: 'Acme',
		date: '2024-03-01',
		paidAt: '2024-03-01T09:30:00Z',
		total: 12,
		paid: true,
		tip: null,
		tags: ['coffee'],
		address: { street: 'Main St 1', geo: { lat: 1.5, lon: 2 } },
		items: [
			{ name: 'Coffee', price: 2.5 },
			{ name: 'Cake', price: 4, note: 'no sugar' },
		],
	};
	const schema = jsonExampleSchema(JSON.stringify(example));
	expect(strictRuleBreaks(schema)).toEqual([]);
	expect(schema.properties).toMatchObject({
		vendor: { type: 'string' },
		date: { type: 'string', format: 'date' },
		paidAt: { type: 'string', format: 'date-time' },
		total: { type: 'number' },
		paid: { type: 'boolean' },
		tip: { type: ['string', 'null'] },
		tags: { type: 'array', items: { type: 'string' } },
	});
	expect(schema.properties.address.properties.geo.required).toEqual(['lat', 'lon']);
	const item = schema.properties.items.items;
	expect(item.required).toEqual(['name', 'price', 'note']);
	// Only one item had a note: optional, so null.
	expect(item.properties.note.type).toEqual(['string', 'null']);
	// The example itself is an answer its schema takes.
	expect(answerProblems(schema, example)).toEqual([]);
	expect(answerProblems(schema, { ...example, total: 'twelve' })).toEqual([
		'total: expected a number, got "twelve"',
	]);
});

test.each([
	['[1, 2]', 'must be one JSON object'],
	['{}', 'has no field'],
	['{"tags": []}', 'tags: an empty list; put one value in it'],
	['{"mixed": [1, "a"]}', 'mixed: a list mixing numbers and strings'],
	['{"a": ', 'is not valid JSON'],
	['{"usage": 1}', '"usage" is a field of the node\'s own output'],
])('an example the node cannot read is refused: %s', (example, message) => {
	expect(() => jsonExampleSchema(example)).toThrow(message);
});

test('an example nested deeper than strict mode allows is refused', () => {
	let deep: object = { leaf: 1 };
	for (let level = 0; level < 10; level++) deep = { next: deep };
	expect(() => jsonExampleSchema(deep)).toThrow('nests objects more than 10 levels');
});
