import { buildJsonSchemaFormat } from '../../../../nodes/core/parameters/responseFormat';

test('buildJsonSchemaFormat', () => {
	expect(buildJsonSchemaFormat('tags', '{"type":"object"}', undefined)).toEqual({
		type: 'json_schema',
		json_schema: { name: 'tags', schema: { type: 'object' }, strict: true },
	});
	expect(() => buildJsonSchemaFormat('has space', '{}', true)).toThrow(
		'letters, digits, underscores or dashes',
	);
	expect(() => buildJsonSchemaFormat('ok', '[]', true)).toThrow('must be a JSON object');
});
