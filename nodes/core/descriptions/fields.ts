import type { INodeProperties } from 'n8n-workflow';

/** The types a field of the Fields list can have, by their value in the parameter. */
export const FIELD_TYPES = [
	{ name: 'Text', value: 'text' },
	{ name: 'Number', value: 'number' },
	{ name: 'Whole Number', value: 'integer' },
	{ name: 'True/False', value: 'boolean' },
	{ name: 'Date', value: 'date' },
	{ name: 'Date and Time', value: 'dateTime' },
	{ name: 'One Of', value: 'oneOf' },
	{ name: 'List of Text', value: 'textList' },
	{ name: 'List of Numbers', value: 'numberList' },
	{ name: 'List of Objects', value: 'objectList' },
] as const;

const fieldValues = (types: INodeProperties['options']): INodeProperties[] => [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. total',
		description: "The field's name in the answer, and on the output item",
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'text',
		options: types,
	},
	{
		displayName: 'Choices',
		name: 'choices',
		type: 'string',
		default: '',
		placeholder: 'e.g. food, travel, office',
		description: 'The values the field may take, separated by commas',
		displayOptions: { show: { type: ['oneOf'] } },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'e.g. The total paid, tax included',
		description: 'What the model should put in this field',
	},
	{
		displayName: 'Required',
		name: 'required',
		type: 'boolean',
		default: true,
		description:
			'Whether the answer must give a value; an optional field is null when the image does not show it',
	},
];

const objectFields: INodeProperties = {
	displayName: 'Object Fields',
	name: 'objectFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Object Field',
	default: {},
	description: 'The fields of each object in the list (one level: no list of objects inside)',
	displayOptions: { show: { type: ['objectList'] } },
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: fieldValues(FIELD_TYPES.filter(({ value }) => value !== 'objectList')),
		},
	],
};

const showFor = (formats: string[]) => ({ show: { responseFormat: formats } });

/** Response Format > Fields and From a JSON Example: the answer's fields, without a JSON Schema. */
export const fieldsProperties: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Field',
		default: {},
		description:
			'The fields the answer gives for each image; the node makes the JSON Schema and checks every answer against it',
		displayOptions: showFor(['fields']),
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [...fieldValues([...FIELD_TYPES]), objectFields],
			},
		],
	},
	{
		displayName: 'JSON Example',
		name: 'jsonExample',
		type: 'json',
		default:
			'{\n  "vendor": "Acme Coffee",\n  "date": "2024-03-01",\n  "total": 12.5,\n  "currency": "EUR",\n  "items": [{ "name": "Cappuccino", "price": 3.5 }]\n}',
		description:
			'One answer as you want it for one image: the node makes the schema from it (types, lists, nested objects). Every field is required; one that is null here is optional.',
		displayOptions: showFor(['json_example']),
	},
	{
		displayName: 'Put Fields',
		name: 'fieldsPlacement',
		type: 'options',
		default: 'columns',
		description: "Where the answer's fields go on the output item",
		displayOptions: showFor(['fields', 'json_example']),
		options: [
			{
				name: 'As Item Fields',
				value: 'columns',
				description: 'Each field of the answer is a field of the item, beside usage and cost',
			},
			{
				name: 'Under Parsed',
				value: 'parsed',
				description:
					'The answer in the field "parsed", its text in "content", as JSON Schema gives it',
			},
		],
	},
];
