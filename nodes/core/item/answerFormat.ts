import { deepCopy } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { checkParameter } from '../errors/problems';
import { buildJsonSchemaFormat } from '../parameters/responseFormat';
import { fieldListSchema } from '../schema/fieldList';
import { jsonExampleSchema } from '../schema/jsonExample';
import { strictModeSchema } from '../schema/strictSchema';
import type { JsonSchema } from '../schema/strictSchema';
import { uncheckedKeywords } from '../schema/uncheckedKeywords';

/** What the item asks of the answer, and how its answer is read. */
export interface AnswerFormat {
	/** The body's `response_format`; none for Text. */
	responseFormat?: IDataObject;
	/** Whether the answer is JSON, parsed into `parsed` (or the item's columns). */
	json: boolean;
	/** The schema every answer is checked against, on every gateway. */
	schema?: JsonSchema;
	/** Whether the answer's fields are the output item's own fields (Fields, JSON Example). */
	columns: boolean;
	/** What the node changed or cannot check, for the output's `notices`. */
	notices: string[];
}

/**
 * The Response Format parameters of the item, read and checked (throws an InputProblem naming
 * the parameter): Text, JSON Object, a hand-written JSON Schema (made strict-mode ready where
 * the change is mechanical), or the schema the node makes from a list of Fields or a JSON Example.
 */
export function readAnswerFormat(context: ItemReader): AnswerFormat {
	const format = context.getNodeParameter('responseFormat', 'text') as string;
	if (format === 'text') return { json: false, columns: false, notices: [] };
	if (format === 'json_object') {
		return { responseFormat: { type: 'json_object' }, json: true, columns: false, notices: [] };
	}
	if (format === 'fields' || format === 'json_example') {
		const columns = context.getNodeParameter('fieldsPlacement', 'columns') !== 'parsed';
		const input =
			format === 'fields'
				? context.getNodeParameter('fields', {})
				: context.getNodeParameter('jsonExample', '{}');
		return madeOnce([format, columns, input], () => fieldsOrExampleFormat(format, input, columns));
	}
	const name = context.getNodeParameter('jsonSchemaName', 'answer');
	const strict = context.getNodeParameter('jsonSchemaStrict', true) !== false;
	const schema = context.getNodeParameter('jsonSchema', '{}');
	return madeOnce([format, name, strict, schema], () =>
		handWrittenSchemaFormat(name, schema, strict),
	);
}

/** More formats than this in one process are a run whose schema differs by item: start again. */
const FORMATS_KEPT = 32;

/** The formats made, by their parameters' values: the same for every item of a run. */
const formatsByValues = new Map<string, AnswerFormat>();

/**
 * The format for these parameter values, made and checked once: a schema is the same for every
 * item unless an expression makes it differ. A format that fails is checked (and fails) again;
 * values JSON does not say whole (a date, an object an expression handed over) are never kept.
 */
function madeOnce(values: unknown[], make: () => AnswerFormat): AnswerFormat {
	if (!isPlainJson(values, 0)) return make();
	const key = JSON.stringify(values);
	let format = formatsByValues.get(key);
	if (!format) {
		// A copy: what is kept is frozen, and the parameter's own objects must stay the user's.
		format = deepFreeze(deepCopy(make()));
		if (formatsByValues.size >= FORMATS_KEPT) formatsByValues.clear();
		formatsByValues.set(key, format);
	}
	return format;
}

/** Whether JSON text says the value whole: text, finite numbers, true and false, lists, plain objects. */
function isPlainJson(value: unknown, depth: number): boolean {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (typeof value !== 'object' || depth > 32) return false;
	// A plain object, from whichever realm made it (n8n evaluates expressions apart): its
	// prototype, if any, is the last before null.
	const prototype = Object.getPrototypeOf(value) as object | null;
	if (!Array.isArray(value) && prototype !== null && Object.getPrototypeOf(prototype) !== null) {
		return false;
	}
	return Object.values(value).every((child) => isPlainJson(child, depth + 1));
}

/** Shared by every item: frozen, so that no step can change it for the items after. */
function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

function fieldsOrExampleFormat(format: string, input: unknown, columns: boolean): AnswerFormat {
	const schema =
		format === 'fields'
			? checkParameter('fields', () => fieldListSchema(input, columns))
			: checkParameter('jsonExample', () => jsonExampleSchema(input, columns));
	return {
		responseFormat: {
			type: 'json_schema',
			json_schema: { name: format === 'fields' ? 'fields' : 'example', schema, strict: true },
		},
		json: true,
		schema,
		columns,
		notices: [],
	};
}

function handWrittenSchemaFormat(name: unknown, input: unknown, strict: boolean): AnswerFormat {
	// Which of the two parameters is at fault: the name is checked first.
	checkParameter('jsonSchemaName', () => buildJsonSchemaFormat(name, '{}', strict));
	const built = checkParameter('jsonSchema', () => buildJsonSchemaFormat(name, input, strict));
	const notices: string[] = [];
	let schema = built.json_schema.schema as JsonSchema;
	if (strict) {
		const made = checkParameter('jsonSchema', () => strictModeSchema(schema));
		schema = made.schema;
		if (made.fixes.length > 0) {
			notices.push(`JSON Schema changed as strict mode requires: ${made.fixes.join('; ')}`);
		}
	}
	const unchecked = uncheckedKeywords(schema);
	if (unchecked.length > 0) {
		notices.push(
			`The node does not check ${unchecked.map((keyword) => `"${keyword}"`).join(', ')} of the JSON Schema in the answers (the API may)`,
		);
	}
	return {
		responseFormat: { type: 'json_schema', json_schema: { ...built.json_schema, schema } },
		json: true,
		schema,
		columns: false,
		notices,
	};
}
