import { strictModeSchema } from '../../../../nodes/core/schema/strictSchema';
import { strictRuleBreaks } from './strictRules';

test('a natural first try is made strict-mode ready, and each change is said', () => {
	const firstTry = {
		type: 'object',
		properties: {
			vendor: { type: 'string' },
			total: { type: 'number' },
			currency: { type: 'string', enum: ['EUR', 'USD'] },
			items: {
				type: 'array',
				items: {
					type: 'object',
					properties: { name: { type: 'string' }, price: { type: 'number' } },
				},
			},
		},
		required: ['vendor', 'total'],
	};
	expect(strictRuleBreaks(firstTry)).not.toEqual([]);
	const { schema, fixes } = strictModeSchema(firstTry);
	expect(strictRuleBreaks(schema)).toEqual([]);
	expect(schema.properties.vendor).toEqual({ type: 'string' });
	expect(schema.properties.currency).toEqual({
		type: ['string', 'null'],
		enum: ['EUR', 'USD', null],
	});
	expect(schema.properties.items.type).toEqual(['array', 'null']);
	expect(schema.properties.items.items.properties.price.type).toEqual(['number', 'null']);
	expect(fixes).toEqual([
		'(top): "currency", "items" listed in "required" and made nullable',
		'(top): "additionalProperties": false added',
		'items[]: "name", "price" listed in "required" and made nullable',
		'items[]: "additionalProperties": false added',
	]);
});

test('a schema strict mode takes is left as it is, with nothing said', () => {
	const ready = {
		type: 'object',
		properties: { caption: { type: 'string' } },
		required: ['caption'],
		additionalProperties: false,
	};
	expect(strictModeSchema(ready)).toEqual({ schema: ready, fixes: [] });
});

test.each([
	[{ type: 'array', items: { type: 'string' } }, 'must have "type": "object" at the top'],
	[
		{ type: 'object', properties: { a: { oneOf: [{ type: 'string' }] } } },
		'a: strict mode does not take "oneOf"',
	],
	[{ type: 'object', properties: { a: { allOf: [] } } }, 'strict mode does not take "allOf"'],
	[
		{
			type: 'object',
			properties: { a: { type: 'string', enum: Array.from({ length: 1001 }, (_, i) => `v${i}`) } },
		},
		'has 1001 enum values',
	],
])('what no mechanical change fixes is refused, naming the rule: %#', (schema, message) => {
	expect(() => strictModeSchema(schema)).toThrow(message);
});
