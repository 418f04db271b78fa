import type { JsonSchema } from './strictSchema';

/** The keywords the check reads; annotations (description, title...) say nothing to check. */
export const CHECKED = new Set([
	'type',
	'enum',
	'const',
	'properties',
	'required',
	'additionalProperties',
	'items',
	'anyOf',
	'format',
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'minItems',
	'maxItems',
	'minLength',
	'maxLength',
]);
const ANNOTATIONS = new Set([
	'description',
	'title',
	'default',
	'examples',
	'$schema',
	'$id',
	'$comment',
	'$defs',
	'definitions',
	'deprecated',
	'readOnly',
	'writeOnly',
]);
/** Pure: the keywords of a schema that the check does not read (it passes what they ask). */
export function uncheckedKeywords(schema: JsonSchema): string[] {
	const found = new Set<string>();
	const visit = (node: unknown) => {
		if (typeof node !== 'object' || node === null) return;
		const entries = node as JsonSchema;
		for (const key of Object.keys(entries)) {
			if (!CHECKED.has(key) && !ANNOTATIONS.has(key)) found.add(key);
		}
		if (entries.properties) Object.values(entries.properties).forEach(visit);
		if (typeof entries.additionalProperties === 'object') visit(entries.additionalProperties);
		if (entries.items) visit(entries.items);
		if (Array.isArray(entries.anyOf)) entries.anyOf.forEach(visit);
	};
	visit(schema);
	return [...found];
}
