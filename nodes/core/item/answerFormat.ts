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
		const schema =
			format === 'fields'
				? checkParameter('fields', () =>
						fieldListSchema(context.getNodeParameter('fields', {}), columns),
					)
				: checkParameter('jsonExample', () =>
						jsonExampleSchema(context.getNodeParameter('jsonExample', '{}'), columns),
					);
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
	return handWrittenSchema(context);
}

function handWrittenSchema(context: ItemReader): AnswerFormat {
	const name = context.getNodeParameter('jsonSchemaName', 'answer');
	const strict = context.getNodeParameter('jsonSchemaStrict', true) !== false;
	// Which of the two parameters is at fault: the name is checked first.
	checkParameter('jsonSchemaName', () => buildJsonSchemaFormat(name, '{}', strict));
	const built = checkParameter('jsonSchema', () =>
		buildJsonSchemaFormat(name, context.getNodeParameter('jsonSchema', '{}'), strict),
	);
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
