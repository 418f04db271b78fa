import { FIELD_TYPES } from '../../../../nodes/core/descriptions/fields';
import { fieldListSchema } from '../../../../nodes/core/schema/fieldList';
import { schemaErrors } from '../../../server/schema';
import { strictRuleBreaks } from './strictRules';

const list = (...field: object[]) => ({ field });

test('every type of the field list, required or not, compiles to a schema strict mode takes', () => {
	const fields = FIELD_TYPES.flatMap(({ value }) =>
		[true, false].map((required) => ({
			name: `${value}_${required ? 'required' : 'optional'}`,
			type: value,
			description: `a ${value}`,
			required,
			choices: 'food, travel',
			objectFields: list(
				{ name: 'name', type: 'text' },
				{ name: 'price', type: 'number', required: false },
				{ name: 'kind', type: 'oneOf', choices: 'a, b', required: false },
			),
		})),
	);
	const schema = fieldListSchema(list(...fields));
	expect(strictRuleBreaks(schema)).toEqual([]);
	expect(schema.required).toHaveLength(FIELD_TYPES.length * 2);
	expect(schema.properties.number_required).toEqual({ type: 'number', description: 'a number' });
	expect(schema.properties.number_optional.type).toEqual(['number', 'null']);
	expect(schema.properties.date_required).toMatchObject({ type: 'string', format: 'date' });
	expect(schema.properties.dateTime_required.format).toBe('date-time');
	expect(schema.properties.integer_required.type).toBe('integer');
	expect(schema.properties.oneOf_required.enum).toEqual(['food', 'travel']);
	expect(schema.properties.oneOf_optional).toMatchObject({
		type: ['string', 'null'],
		enum: ['food', 'travel', null],
	});
	expect(schema.properties.objectList_required.items.properties.kind.enum).toEqual([
		'a',
		'b',
		null,
	]);
	// The request with it is one the OpenAI spec takes.
	const request = {
		model: 'gpt-4o-mini',
		messages: [{ role: 'user', content: 'Read the receipt' }],
		response_format: { type: 'json_schema', json_schema: { name: 'fields', schema, strict: true } },
	};
	expect(schemaErrors('CreateChatCompletionRequest', request)).toEqual([]);
});

test.each([
	[{}, 'has no field: add the fields'],
	[list({ name: ' ', type: 'text' }), 'has no Name'],
	[list({ name: 'a' }, { name: 'a' }), 'repeats the name "a"'],
	[list({ name: 'kind', type: 'oneOf', choices: ' , ' }), 'is One Of but has no Choices'],
	[list({ name: 'items', type: 'objectList' }), 'is a List of Objects but has no Object Fields'],
	[
		list({
			name: 'items',
			type: 'objectList',
			objectFields: list({ name: 'inner', type: 'objectList' }),
		}),
		'a List of Objects cannot hold another List of Objects',
	],
	[list({ name: 'usage', type: 'number' }), '"usage" is a field of the node\'s own output'],
])('a field list that makes no sense is refused at setup: %j', (value, message) => {
	expect(() => fieldListSchema(value)).toThrow(message);
});

test('under "parsed", a field may have a name the output uses', () => {
	expect(fieldListSchema(list({ name: 'content' }), false).required).toEqual(['content']);
});
