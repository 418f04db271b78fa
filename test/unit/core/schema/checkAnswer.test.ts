import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

import { answerProblems } from '../../../../nodes/core/schema/checkAnswer';
import { uncheckedKeywords } from '../../../../nodes/core/schema/uncheckedKeywords';
import { fieldListSchema } from '../../../../nodes/core/schema/fieldList';
import type { JsonSchema } from '../../../../nodes/core/schema/strictSchema';

const receipt = fieldListSchema({
	field: [
		{ name: 'vendor', type: 'text' },
		{ name: 'date', type: 'date' },
		{ name: 'paidAt', type: 'dateTime', required: false },
		{ name: 'total', type: 'number' },
		{ name: 'count', type: 'integer', required: false },
		{ name: 'card', type: 'boolean' },
		{ name: 'currency', type: 'oneOf', choices: 'EUR, USD' },
		{ name: 'tags', type: 'textList', required: false },
		{
			name: 'items',
			type: 'objectList',
			objectFields: { field: [{ name: 'name' }, { name: 'price', type: 'number' }] },
		},
	],
});
const valid = {
	vendor: 'Acme',
	date: '2024-03-01',
	paidAt: null,
	total: 12.5,
	count: 2,
	card: true,
	currency: 'EUR',
	tags: ['coffee'],
	items: [{ name: 'Coffee', price: 2.5 }],
};

test('an answer as the fields ask has no problem; an optional field left out counts as null', () => {
	expect(answerProblems(receipt, valid)).toEqual([]);
	const withoutOptional: Record<string, unknown> = { ...valid };
	for (const name of ['paidAt', 'count', 'tags']) delete withoutOptional[name];
	expect(answerProblems(receipt, withoutOptional)).toEqual([]);
});

test.each([
	[{ total: 'twelve' }, 'total: expected a number, got "twelve"'],
	[{ count: 2.5 }, 'count: expected a whole number or null, got 2.5'],
	[{ card: 'yes' }, 'card: expected true or false, got "yes"'],
	[{ currency: 'eur' }, 'currency: expected one of "EUR", "USD", got "eur"'],
	[{ date: '01/03/2024' }, 'date: expected a date (YYYY-MM-DD), got "01/03/2024"'],
	[{ date: '2024-13-01' }, 'date: expected a date (YYYY-MM-DD), got "2024-13-01"'],
	[{ date: '2023-02-29' }, 'date: expected a date (YYYY-MM-DD), got "2023-02-29"'],
	[
		{ paidAt: '2024-03-01' },
		'paidAt: expected a date and time (YYYY-MM-DDTHH:MM:SSZ), got "2024-03-01"',
	],
	[{ tags: 'coffee' }, 'tags: expected a list or null, got "coffee"'],
	[{ items: [{ name: 'Coffee', price: '2,50' }] }, 'items[0].price: expected a number, got "2,50"'],
	[{ items: [{ name: 'Coffee' }] }, 'items[0].price: missing (a required field)'],
	[{ items: { name: 'Coffee' } }, 'items: expected a list, got an object'],
	[{ extra: 1 }, 'extra: not one of the fields'],
	[{ vendor: undefined }, 'vendor: missing (a required field)'],
])('an answer with %j is refused: %s', (change, problem) => {
	const answer = JSON.parse(JSON.stringify({ ...valid, ...change }));
	expect(answerProblems(receipt, answer)).toEqual([problem]);
});

test('the top must be an object; at most five problems are told', () => {
	expect(answerProblems(receipt, [valid])).toEqual([
		'the answer: expected an object, got a list of 1',
	]);
	expect(answerProblems(receipt, {})).toHaveLength(5);
});

test('a hand-written schema: anyOf, bounds, and what is not checked is said', () => {
	const schema: JsonSchema = {
		type: 'object',
		properties: {
			amount: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'null' }] },
			code: { type: 'string', pattern: '^[A-Z]{3}$', maxLength: 3 },
			list: { type: 'array', items: { type: 'integer' }, maxItems: 2 },
		},
	};
	expect(answerProblems(schema, { amount: null, code: 'EUR', list: [1] })).toEqual([]);
	expect(answerProblems(schema, { amount: -1, code: 'EURO', list: [1, 2, 3] })).toEqual([
		'amount: expected at least 0, got -1',
		'code: expected at most 3 characters, got "EURO"',
		'list: expected at most 2 entries, got a list of 3',
	]);
	expect(uncheckedKeywords(schema)).toEqual(['pattern']);
});

/** The same schema for ajv, which takes a required field left out as missing even when it takes null. */
function ajvSchema(schema: JsonSchema): JsonSchema {
	if (typeof schema !== 'object' || schema === null) return schema;
	const copy: JsonSchema = { ...schema };
	if (schema.properties) {
		copy.properties = Object.fromEntries(
			Object.entries(schema.properties as JsonSchema).map(([k, v]) => [k, ajvSchema(v)]),
		);
		copy.required = (schema.required ?? []).filter(
			(name: string) => ![schema.properties[name].type].flat().includes('null'),
		);
	}
	if (schema.items) copy.items = ajvSchema(schema.items);
	return copy;
}

test('property: the check agrees with a full JSON Schema validator (ajv) on any answer', () => {
	const ajv = new Ajv2020({ strict: false });
	addFormats(ajv, ['date']);
	// The node takes a date-time with or without seconds, with T or a space: so does this one.
	ajv.addFormat(
		'date-time',
		/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/,
	);
	const validate = ajv.compile(ajvSchema(receipt));
	const value = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.integer(), fc.string(), {
		arbitrary: fc.constantFrom(
			'EUR',
			'USD',
			'2024-02-30',
			'2024-02-29',
			'2023-02-29',
			'2024-03-01T10:00:00Z',
			'2024-03-01 10:00+01:00',
		),
		weight: 5,
	});
	// Mostly the valid answer's own values, so that one wrong field decides.
	const mostly = (right: unknown, wrong: fc.Arbitrary<unknown>) =>
		fc.oneof({ arbitrary: fc.constant(right), weight: 5 }, { arbitrary: wrong, weight: 1 });
	const answer = fc.record(
		{
			vendor: mostly(valid.vendor, value),
			date: mostly(valid.date, value),
			paidAt: mostly(valid.paidAt, value),
			total: mostly(valid.total, value),
			count: mostly(valid.count, value),
			card: mostly(valid.card, value),
			currency: mostly(valid.currency, value),
			tags: mostly(valid.tags, fc.oneof(value, fc.array(value, { maxLength: 3 }))),
			items: mostly(
				valid.items,
				fc.array(fc.record({ name: mostly('a', value), price: mostly(1, value) }), {
					maxLength: 3,
				}),
			),
		},
		{ requiredKeys: [] },
	);
	fc.assert(
		fc.property(fc.oneof(answer, fc.constant(valid)), (candidate) => {
			const json = JSON.parse(JSON.stringify(candidate));
			expect(answerProblems(receipt, json).length === 0).toBe(validate(json));
		}),
		{ numRuns: 5000 },
	);
});

/** How many times the check reads the schema: its work, counted rather than timed. */
function readsOf(schema: JsonSchema, answer: unknown): number {
	let reads = 0;
	const counted = (node: unknown): unknown => {
		if (typeof node !== 'object' || node === null) return node;
		const wrapped = (Array.isArray(node) ? [] : {}) as Record<string, unknown>;
		for (const [key, value] of Object.entries(node)) wrapped[key] = counted(value);
		return new Proxy(wrapped, {
			get(target, key) {
				reads++;
				return Reflect.get(target, key);
			},
		});
	};
	answerProblems(counted(schema) as JsonSchema, answer);
	return reads;
}

test('property: the work grows linearly with the answer (schema reads per line item stay the same)', () => {
	const answerWith = (lines: number, price: unknown) => ({
		...valid,
		items: Array.from({ length: lines }, (_, index) => ({ name: `line ${index}`, price })),
	});
	fc.assert(
		fc.property(fc.integer({ min: 1, max: 2000 }), fc.constantFrom(1, 'x'), (lines, price) => {
			const one = readsOf(receipt, answerWith(1, price));
			const many = readsOf(receipt, answerWith(lines, price));
			// At most the reads of one line item for each more line, whatever the answer holds.
			const perLine = readsOf(receipt, answerWith(2, 1)) - readsOf(receipt, answerWith(1, 1));
			expect(many - one).toBeLessThanOrEqual(perLine * (lines - 1));
		}),
		{ numRuns: 50 },
	);
	const reads = [1_000, 10_000, 100_000].map((lines) => readsOf(receipt, answerWith(lines, 1)));
	expect(reads[2] / reads[1]).toBeCloseTo(10, 0);
	expect(reads[1] / reads[0]).toBeCloseTo(10, 0);
});
