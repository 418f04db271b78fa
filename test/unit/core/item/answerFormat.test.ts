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
	const ofItem = () =>
		readAnswerFormat(
			fakeItemReader({ values: { responseFormat: 'json_schema', jsonSchema: '{nope' } }),
		);
	for (let item = 0; item < 2; item++) {
		expect(ofItem).toThrow(expect.objectContaining({ parameter: 'jsonSchema' }));
	}
});
