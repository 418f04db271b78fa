import type { IDataObject } from 'n8n-workflow';

import { FIELD_TYPES } from '../descriptions/fields';
import { InputProblem } from '../errors/problems';
import { objectSchema } from './strictSchema';
import type { JsonSchema } from './strictSchema';

type FieldType = (typeof FIELD_TYPES)[number]['value'];

const TYPE_SCHEMAS: Record<Exclude<FieldType, 'oneOf' | 'objectList'>, JsonSchema> = {
	text: { type: 'string' },
	number: { type: 'number' },
	integer: { type: 'integer' },
	boolean: { type: 'boolean' },
	date: { type: 'string', format: 'date' },
	dateTime: { type: 'string', format: 'date-time' },
	textList: { type: 'array', items: { type: 'string' } },
	numberList: { type: 'array', items: { type: 'number' } },
};

/** What the node's own output puts beside the fields: a field of the same name would be lost. */
export const OUTPUT_FIELD_NAMES = [
	'content',
	'parsed',
	'reasoning',
	'usage',
	'tokenUsage',
	'cost',
	'model',
	'finish_reason',
	'choices',
	'index',
	'notices',
	'error',
	'batch',
	'batchId',
	'batchStatus',
	'requestCounts',
	'customId',
];

/**
 * Pure: the Fields parameter (a list of fields; List of Objects with its own fields one level
 * down) as one JSON Schema that OpenAI's strict mode takes: every property required, the
 * optional ones nullable, no other properties. A list the user can make gives no schema the API
 * refuses; a list that makes no sense throws an InputProblem naming the field.
 */
export function fieldListSchema(value: unknown, checkNames = true): JsonSchema {
	const fields = ((value as IDataObject | undefined)?.field ?? []) as IDataObject[];
	if (fields.length === 0) {
		throw new InputProblem('Fields', 'has no field: add the fields the answer should have');
	}
	return fieldsSchema(fields, 'Fields', checkNames, true);
}

function fieldsSchema(
	fields: IDataObject[],
	where: string,
	checkNames: boolean,
	nestable: boolean,
): JsonSchema {
	const properties: Record<string, JsonSchema> = {};
	const optional: string[] = [];
	fields.forEach((field, position) => {
		const name = String(field.name ?? '').trim();
		const label = `${where} (field ${position + 1}${name ? ` "${name}"` : ''})`;
		if (name === '') throw new InputProblem(label, 'has no Name');
		if (name in properties) throw new InputProblem(label, `repeats the name "${name}"`);
		if (checkNames && OUTPUT_FIELD_NAMES.includes(name)) {
			throw new InputProblem(
				label,
				`"${name}" is a field of the node's own output: rename it, or set Put Fields to Under Parsed`,
			);
		}
		const schema = fieldSchema(field, label, nestable);
		const description = String(field.description ?? '').trim();
		properties[name] = description === '' ? schema : { ...schema, description };
		if (field.required === false) optional.push(name);
	});
	return objectSchema(properties, optional);
}

function fieldSchema(field: IDataObject, label: string, nestable: boolean): JsonSchema {
	const type = String(field.type ?? 'text') as FieldType;
	if (type === 'oneOf') {
		const choices = String(field.choices ?? '')
			.split(/[,\n]/)
			.map((choice) => choice.trim())
			.filter((choice) => choice !== '');
		if (choices.length === 0) {
			throw new InputProblem(label, 'is One Of but has no Choices: list them, separated by commas');
		}
		return { type: 'string', enum: [...new Set(choices)] };
	}
	if (type === 'objectList') {
		if (!nestable) {
			throw new InputProblem(label, 'a List of Objects cannot hold another List of Objects');
		}
		const inner = ((field.objectFields as IDataObject | undefined)?.field ?? []) as IDataObject[];
		if (inner.length === 0) {
			throw new InputProblem(label, 'is a List of Objects but has no Object Fields: add them');
		}
		return { type: 'array', items: fieldsSchema(inner, label, false, false) };
	}
	const schema = TYPE_SCHEMAS[type];
	if (!schema) throw new InputProblem(label, `has an unknown Type "${type}"`);
	return schema;
}
