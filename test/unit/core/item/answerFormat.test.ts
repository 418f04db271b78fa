import type { IDataObject } from 'n8n-workflow';

import { readAnswerFormat } from '../../../../nodes/core/item/answerFormat';
import { fakeItemReader } from '../fakeItemReader';

const fields = { field: [{ name: 'vendor', type: 'text', description: '' }] };

test('a schema is made and checked once for the items that share its parameters, and no item can change it', () => {
	const ofItem = (values: Record<string, unknown>) =>
		readAnswerFormat(fakeItemReader({ values: { responseFormat: 'fields', ...values } }));
	const first = ofItem({ fields });
	expect(ofItem({ fields: structuredClone(fields) })).toBe(first);
	expect(Object.isFrozen(first.schema?.properties)).toBe(true);
	expect(() => {
		(first.notices as string[]).push('changed');
	}).toThrow(TypeError);
	// Another value, or the same fields placed otherwise, is another schema.
	const other = ofItem({ fields: { field: [{ name: 'total', type: 'number', description: '' }] } });
	expect(other).not.toBe(first);
	expect(other.schema?.required).toEqual(['total']);
	expect(ofItem({ fields, fieldsPlacement: 'parsed' })).not.toBe(first);
});

test('a schema that fails is checked again for every item, each failing with its parameter', () => {
	const failureOf = () => {
		try {
			readAnswerFormat(
				fakeItemReader({ values: { responseFormat: 'json_schema', jsonSchema: '{nope' } }),
			);
		} catch (error) {
			return error;
		}
		throw new Error('no failure');
	};
	const [first, second] = [failureOf(), failureOf()];
	expect(first).toEqual(expect.objectContaining({ parameter: 'jsonSchema' }));
	expect(second).toEqual(expect.objectContaining({ parameter: 'jsonSchema' }));
	expect(second).not.toBe(first);
});

test("a schema an expression hands over as an object stays the user's: not frozen, not kept", () => {
	const schema = {
		type: 'object',
		properties: { tag: { type: 'string', enum: ['a', 'b'] }, at: { type: 'string' } },
		required: ['tag', 'at'],
		additionalProperties: false,
	};
	const ofItem = (jsonSchema: IDataObject | string) =>
		readAnswerFormat(fakeItemReader({ values: { responseFormat: 'json_schema', jsonSchema } }));
	const made = ofItem(schema);
	expect(made.schema?.properties).toEqual(schema.properties);
	expect(Object.isFrozen(schema.properties.tag.enum)).toBe(false);
	// A date is no JSON: two items with two dates are not one format.
	expect(ofItem({ ...schema, description: new Date(0) })).not.toBe(
		ofItem({ ...schema, description: new Date(0) }),
	);
	// The same schema as text is kept, a copy of it frozen.
	const asText = ofItem(JSON.stringify(schema));
	expect(ofItem(JSON.stringify(schema))).toBe(asText);
	expect(Object.isFrozen(asText.schema?.properties)).toBe(true);
});
