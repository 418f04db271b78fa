import { InputProblem } from '../errors/problems';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonSchema = Record<string, any>;

/** Pure: a schema that also takes null (strict mode's way of an optional property). */
export function nullable(schema: JsonSchema): JsonSchema {
	const { type } = schema;
	if (Array.isArray(schema.anyOf)) {
		return schema.anyOf.some((branch: JsonSchema) => branch.type === 'null')
			? schema
			: { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
	}
	if (typeof type === 'string' || Array.isArray(type)) {
		const types = Array.isArray(type) ? type : [type];
		if (types.includes('null')) return schema;
		const withNull = { ...schema, type: [...types, 'null'] };
		return Array.isArray(schema.enum) ? { ...withNull, enum: [...schema.enum, null] } : withNull;
	}
	return { anyOf: [schema, { type: 'null' }] };
}

/** Pure: an object of these properties as strict mode wants it; `optional` ones take null. */
export function objectSchema(
	properties: Record<string, JsonSchema>,
	optional: string[] = [],
): JsonSchema {
	const all: Record<string, JsonSchema> = {};
	for (const [name, schema] of Object.entries(properties)) {
		all[name] = optional.includes(name) ? nullable(schema) : schema;
	}
	return {
		type: 'object',
		properties: all,
		required: Object.keys(all),
		additionalProperties: false,
	};
}

/** What OpenAI's strict mode takes at most (its Structured Outputs guide, 2026). */
export const STRICT_LIMITS = { depth: 10, properties: 5000, enumValues: 1000 };

/** Keywords strict mode refuses, which no mechanical change can replace. */
const REFUSED_KEYWORDS = [
	'allOf',
	'oneOf',
	'not',
	'if',
	'then',
	'else',
	'dependentRequired',
	'dependentSchemas',
	'patternProperties',
];

function isObjectSchema(schema: JsonSchema): boolean {
	const { type } = schema;
	return type === 'object' || (Array.isArray(type) && type.includes('object'));
}

/**
 * Pure: a hand-written schema made into one strict mode takes, where the change is mechanical
 * (each object's `additionalProperties: false`, every property in `required`, the ones that were
 * not required made nullable), with a line for each change; what no change can fix throws an
 * InputProblem naming the rule. The limits of size and depth are checked too.
 */
export function strictModeSchema(schema: JsonSchema): { schema: JsonSchema; fixes: string[] } {
	if (!isObjectSchema(schema)) {
		throw new InputProblem('JSON Schema', 'must have "type": "object" at the top (strict mode)');
	}
	const fixes: string[] = [];
	const size = { properties: 0, enumValues: 0 };
	const fixed = strictNode(schema, '(top)', 1, fixes, size);
	if (size.properties > STRICT_LIMITS.properties) {
		throw new InputProblem(
			'JSON Schema',
			`has ${size.properties} properties, over strict mode's ${STRICT_LIMITS.properties}`,
		);
	}
	if (size.enumValues > STRICT_LIMITS.enumValues) {
		throw new InputProblem(
			'JSON Schema',
			`has ${size.enumValues} enum values, over strict mode's ${STRICT_LIMITS.enumValues}`,
		);
	}
	return { schema: fixed, fixes };
}

function strictNode(
	schema: JsonSchema,
	path: string,
	depth: number,
	fixes: string[],
	size: { properties: number; enumValues: number },
): JsonSchema {
	if (typeof schema !== 'object' || schema === null) return schema;
	for (const keyword of REFUSED_KEYWORDS) {
		if (keyword in schema) {
			throw new InputProblem('JSON Schema', `${path}: strict mode does not take "${keyword}"`);
		}
	}
	if (Array.isArray(schema.enum)) size.enumValues += schema.enum.length;
	const result: JsonSchema = { ...schema };
	if (schema.items) result.items = strictNode(schema.items, `${path}[]`, depth, fixes, size);
	if (Array.isArray(schema.anyOf)) {
		result.anyOf = schema.anyOf.map((branch: JsonSchema) =>
			strictNode(branch, path, depth, fixes, size),
		);
	}
	for (const defs of ['$defs', 'definitions']) {
		if (typeof schema[defs] !== 'object' || schema[defs] === null) continue;
		result[defs] = Object.fromEntries(
			Object.entries(schema[defs] as JsonSchema).map(([name, def]) => [
				name,
				strictNode(def, `${defs}.${name}`, depth, fixes, size),
			]),
		);
	}
	if (!isObjectSchema(schema) && !schema.properties) return result;
	if (depth > STRICT_LIMITS.depth) {
		throw new InputProblem(
			'JSON Schema',
			`${path}: nests objects more than strict mode's ${STRICT_LIMITS.depth} levels`,
		);
	}
	const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
	size.properties += Object.keys(properties).length;
	const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
	const optional = Object.keys(properties).filter((name) => !required.includes(name));
	if (optional.length > 0) {
		fixes.push(
			`${path}: ${optional.map((name) => `"${name}"`).join(', ')} listed in "required" and made nullable`,
		);
	}
	if (schema.additionalProperties !== false) {
		fixes.push(`${path}: "additionalProperties": false added`);
	}
	const inner = Object.fromEntries(
		Object.entries(properties).map(([name, property]) => [
			name,
			strictNode(property, path === '(top)' ? name : `${path}.${name}`, depth + 1, fixes, size),
		]),
	);
	const rest = { ...result };
	for (const key of ['properties', 'required', 'additionalProperties']) delete rest[key];
	return { ...rest, ...objectSchema(inner, optional), type: schema.type };
}
