import type { INodeProperties } from 'n8n-workflow';

const showForJsonSchema = { show: { responseFormat: ['json_schema'] } };

export const responseFormatProperties: INodeProperties[] = [
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		default: 'text',
		description:
			'Text, or JSON that the node parses into the output field "parsed". JSON Schema makes the model follow your schema.',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'JSON Object', value: 'json_object' },
			{ name: 'JSON Schema', value: 'json_schema' },
		],
	},
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
