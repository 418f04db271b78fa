import type { INodeProperties } from 'n8n-workflow';

import {
	examplesProperty,
	fromAiDefault,
	imageProperties,
	inputModeProperty,
	messagesProperty,
	modelParametersProperty,
	modelProperties,
	outputProperties,
	promptProperties,
	responseFormatProperties,
	withBodyRouting,
} from '../core';
import { resultOptions, submitOptions } from './options';

/** A property of Vision Chat, shown only for one of this node's operations. */
function forOperation(operation: string, property: INodeProperties): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

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

const byIdOperations = { operation: ['getResults', 'cancel'] };

const batchId: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. {{ $json.batchId }}',
	description:
		'The batch ID Submit gave each item under "batch", kept in a Data Table, a file or a webhook call',
	displayOptions: {
		show: { ...byIdOperations, batchFrom: ['batchId'] },
		hide: { '@tool': [true] },
	},
};

/**
 * Where Get Results and Cancel find their batches: the items Submit gave, or an ID kept from
 * another run. An AI Agent's tool has no items from Submit: its model gives the ID.
 */
const batchSource: INodeProperties[] = [
	{
		displayName: 'Batch From',
		name: 'batchFrom',
		type: 'options',
		noDataExpression: true,
		default: 'items',
		displayOptions: { show: byIdOperations, hide: { '@tool': [true] } },
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
	batchId,
	{
		...batchId,
		default: fromAiDefault('batchId', 'The ID of the batch, as Submit returned it'),
		displayOptions: { show: { ...byIdOperations, '@tool': [true] } },
	},
	{
		displayName: 'Answers Are JSON',
		name: 'parseJson',
		type: 'boolean',
		default: false,
		description:
			'Whether to parse each answer as JSON into "parsed", for a batch that does not say what its answers are (submitted by other software). A batch Submit made is read as it asked, Fields as columns.',
		displayOptions: { show: { operation: ['getResults'], batchFrom: ['batchId'] } },
	},
];

export const batchProperties: INodeProperties[] = [
	operation,
	// The same body routing as Vision Chat's: each line's body is built as its requests are.
	...withBodyRouting([
		...modelProperties,
		inputModeProperty,
		...promptProperties,
		...imageProperties,
		examplesProperty,
		messagesProperty,
		...responseFormatProperties,
		modelParametersProperty,
	]).map((property) => forOperation('submit', property)),
	submitOptions,
	...batchSource,
	...outputProperties.map((property) => forOperation('getResults', property)),
	resultOptions,
];
