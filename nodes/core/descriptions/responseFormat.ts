import type { INodeProperties } from 'n8n-workflow';

import { fieldsProperties } from './fields';

const showForJsonSchema = { show: { responseFormat: ['json_schema'] } };

export const responseFormatProperties: INodeProperties[] = [
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		default: 'text',
		description:
			'Text, or JSON the node checks and parses: a list of Fields, or an example answer, gives the item those fields',
		options: [
			{
				name: 'Fields',
				value: 'fields',
				description:
					"List the fields you want (name, type, description): they become the item's fields",
			},
			{
				name: 'From a JSON Example',
				value: 'json_example',
				description: "Paste one answer as you want it: its fields become the item's fields",
			},
			{
				name: 'JSON Object',
				value: 'json_object',
				description: 'Any JSON object, parsed into "parsed"; name the fields in the prompt',
			},
			{
				name: 'JSON Schema',
				value: 'json_schema',
				description:
					'Your own JSON Schema; the answer is checked against it and parsed into "parsed"',
			},
			{ name: 'Text', value: 'text', description: 'The answer as the model writes it' },
		],
	},
	...fieldsProperties,
	{
		displayName: 'Schema Name',
		name: 'jsonSchemaName',
		type: 'string',
		default: 'answer',
		description: 'Name of the schema (letters, digits, underscores and dashes)',
		displayOptions: showForJsonSchema,
	},
	{
		displayName: 'JSON Schema',
		name: 'jsonSchema',
		type: 'json',
		default:
			'{\n  "type": "object",\n  "properties": {\n    "caption": { "type": "string" },\n    "tags": { "type": "array", "items": { "type": "string" } }\n  },\n  "required": ["caption", "tags"],\n  "additionalProperties": false\n}',
		description: 'The JSON Schema the answer must follow',
		displayOptions: showForJsonSchema,
	},
	{
		displayName: 'Strict',
		name: 'jsonSchemaStrict',
		type: 'boolean',
		default: true,
		description: 'Whether the model must follow the schema exactly (OpenAI structured outputs)',
		displayOptions: showForJsonSchema,
	},
];
