import type { INodeProperties } from 'n8n-workflow';

import {
	examplesProperty,
	imageProperties,
	inputModeProperty,
	messagesProperty,
	modelParametersProperty,
	modelProperties,
	outputProperties,
	promptProperties,
	responseFormatProperties,
} from '../shared';
import { resultOptions, submitOptions } from './options';

/** A property of Vision Chat, shown only for one of this node's operations. */
function forOperation(operation: string, property: INodeProperties): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** Vision Chat's variants of a property for an AI Agent's tool: this node is no tool. */
const notForTools = (property: INodeProperties) => !property.displayOptions?.show?.['@tool'];

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'submit',
	options: [
		{
			name: 'Submit',
			value: 'submit',
			action: 'Submit the items as a batch',
			description: 'Send every input item as one request line of a batch, at the batch price',
		},
		{
			name: 'Get Results',
			value: 'getResults',
			action: 'Get the answers of submitted items',
			description:
				'The answers of the items Submit sent, where their batch is done; the others go to Not Ready',
		},
		{
			name: 'Cancel',
			value: 'cancel',
			action: 'Cancel the batches of the items',
			description: 'Cancel the batches the input items were submitted in',
		},
	],
};

/** Where Get Results finds its batches: the items Submit gave, or an ID kept from another run. */
const batchSource: INodeProperties[] = [
	{
		displayName: 'Batch From',
		name: 'batchFrom',
		type: 'options',
		noDataExpression: true,
		default: 'items',
		displayOptions: { show: { operation: ['getResults'] } },
		options: [
			{
				name: 'Items From Submit',
				value: 'items',
				description: 'Each input item came from Submit and gets its own answer back',
			},
			{
				name: 'Batch ID',
				value: 'batchId',
				description:
					'Every line of the batch with this ID, as items with their custom IDs: for a batch another execution submitted',
			},
		],
	},
	{
		displayName: 'Batch ID',
		name: 'batchId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.batchId }}',
		description:
			'The batch ID Submit gave each item under "batch", kept in a Data Table, a file or a webhook call',
		displayOptions: { show: { operation: ['getResults'], batchFrom: ['batchId'] } },
	},
	{
		displayName: 'Answers Are JSON',
		name: 'parseJson',
		type: 'boolean',
		default: false,
		description:
			'Whether the batch asked for JSON answers (Response Format JSON Object or JSON Schema): each is parsed into "parsed"',
		displayOptions: { show: { operation: ['getResults'], batchFrom: ['batchId'] } },
	},
];

export const batchProperties: INodeProperties[] = [
	operation,
	...[
		...modelProperties,
		inputModeProperty,
		...promptProperties.filter(notForTools),
		...imageProperties.filter(notForTools),
		examplesProperty,
		messagesProperty,
		...responseFormatProperties,
		modelParametersProperty,
	].map((property) => forOperation('submit', property)),
	submitOptions,
	...batchSource,
	...outputProperties.map((property) => forOperation('getResults', property)),
	resultOptions,
];
