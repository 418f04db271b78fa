import { InputProblem } from '../errors/problems';
import { parseJsonParameter } from '../parameters/jsonParameter';
import { OUTPUT_FIELD_NAMES } from './fieldList';
import { STRICT_LIMITS, nullable, objectSchema } from './strictSchema';
import type { JsonSchema } from './strictSchema';
import { FORMATS } from './checkAnswer';

/**
 * Pure: the schema of one example answer, as the Fields list would give it: each value's type
 * (text that looks like 2024-03-01 is a Date, with a time a Date and Time; whole numbers are
 * Numbers, as an example's 12 may be 12.5 on the next receipt), objects and lists of objects
 * nested, every field required. A null in the example makes the field optional (nullable). An
 * empty list, or a list mixing kinds, is refused: the example must show what the list holds.
 */
export function jsonExampleSchema(value: unknown, checkNames = true): JsonSchema {
	const example = parseJsonParameter('JSON Example', value);
	if (typeof example !== 'object' || example === null || Array.isArray(example)) {
		throw new InputProblem(
			'JSON Example',
			'must be one JSON object: the answer for one image, such as {"vendor": "Acme", "total": 12.5}',
		);
	}
	if (Object.keys(example).length === 0) {
		throw new InputProblem('JSON Example', 'has no field: give an answer with its fields');
	}
	if (checkNames) {
		const clash = Object.keys(example).find((name) => OUTPUT_FIELD_NAMES.includes(name));
		if (clash) {
			throw new InputProblem(
				'JSON Example',
				`"${clash}" is a field of the node's own output: rename it, or set Put Fields to Under Parsed`,
			);
		}
	}
	return schemaOf(example, '', 1);
}

function schemaOf(value: unknown, path: string, depth: number): JsonSchema {
	const at = path === '' ? 'the example' : path;
	if (value === null) return nullable({ type: 'string' });
	if (typeof value === 'string') {
		if (FORMATS.date.pattern.test(value)) return { type: 'string', format: 'date' };
		if (FORMATS['date-time'].pattern.test(value)) return { type: 'string', format: 'date-time' };
		return { type: 'string' };
	}
	if (typeof value === 'number') return { type: 'number' };
	if (typeof value === 'boolean') return { type: 'boolean' };
	if (Array.isArray(value)) {
		if (value.length === 0) {
			throw new InputProblem('JSON Example', `${at}: an empty list; put one value in it`);
		}
		const kinds = new Set(value.map((entry) => kindOf(entry)));
		if (kinds.size > 1) {
			throw new InputProblem('JSON Example', `${at}: a list mixing ${[...kinds].join(' and ')}`);
		}
		if (kinds.has('object'))
			return { type: 'array', items: mergedObjects(value, `${at}[]`, depth) };
		return { type: 'array', items: schemaOf(value[0], `${at}[]`, depth) };
	}
	if (depth > STRICT_LIMITS.depth) {
		throw new InputProblem(
			'JSON Example',
			`${at}: nests objects more than ${STRICT_LIMITS.depth} levels, which strict mode refuses`,
		);
	}
	const properties: Record<string, JsonSchema> = {};
	for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
		properties[name] = schemaOf(entry, path === '' ? name : `${path}.${name}`, depth + 1);
	}
	return objectSchema(properties);
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'lists';
	return typeof value === 'object' ? 'object' : `${typeof value}s`;
}

/** The objects of a list as one: every field any of them has; one missing somewhere is optional. */
function mergedObjects(list: unknown[], path: string, depth: number): JsonSchema {
	const objects = list as Array<Record<string, unknown>>;
	const names = [...new Set(objects.flatMap((object) => Object.keys(object)))];
	const merged: Record<string, unknown> = {};
	for (const name of names) {
		merged[name] = objects.find((object) => object[name] !== undefined && object[name] !== null)?.[
			name
		];
		if (merged[name] === undefined) merged[name] = null;
	}
	const schema = schemaOf(merged, path, depth);
	const optional = names.filter((name) => objects.some((object) => object[name] == null));
	return objectSchema(schema.properties as Record<string, JsonSchema>, optional);
}
