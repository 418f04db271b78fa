import type { INodeProperties } from 'n8n-workflow';

import { documentOptions } from './documents';
import { limitOptions } from './limits';
import { modelParameters } from './modelParameters';

const INCLUDE_INPUT_FIELDS =
	"Whether the output item (or error item) has the input item's fields, such as a file name, after the answer's fields";

/** One output item per choice (also the batch node's). */
export const splitChoicesOption: INodeProperties = {
	displayName: 'Split Choices Into Items',
	name: 'splitChoices',
	type: 'boolean',
	default: false,
	description: 'Whether to output one item per choice instead of one item per input item',
};

/** The token prices that give each answer an estimated cost (also the batch node's). */
export const priceOptions: INodeProperties[] = [
	{
		displayName: 'Input Price per 1M Tokens',
		name: 'inputTokenPrice',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description:
			"Your provider's price for a million input tokens; with it (or the output price) each item gets an estimated cost",
	},
	{
		displayName: 'Output Price per 1M Tokens',
		name: 'outputTokenPrice',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description:
			"Your provider's price for a million output tokens; with it (or the input price) each item gets an estimated cost",
	},
];

/** Options that shape the node's output. */
const outputOptions: INodeProperties[] = [
	...priceOptions,
	{
		displayName: 'Include Input Fields',
		name: 'includeInputFields',
		type: 'boolean',
		default: true,
		description: INCLUDE_INPUT_FIELDS,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	// Version 1 left the input's fields out unless asked.
	{
		displayName: 'Include Input Fields',
		name: 'includeInputFields',
		type: 'boolean',
		default: false,
		description: INCLUDE_INPUT_FIELDS,
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Keep Input Binary Data',
		name: 'keepBinary',
		type: 'boolean',
		default: false,
		description: 'Whether the output item keeps the binary data of its input item',
	},
	splitChoicesOption,
];

/** Options for how one request is tried: its deadline and its retries. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		default: 2,
		typeOptions: { minValue: 0, maxValue: 10 },
		description:
			'How often one item is tried again after a server error (5xx), a timeout or a dropped connection, and five times as often after a rate limit (429), which also slows the key down; 0 turns retries off',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		default: 60,
		typeOptions: { minValue: 0, maxValue: 3600 },
		description: 'The longest wait before a retry, even when the API asks for longer (Retry-After)',
	},
	{
		displayName: 'Request Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		default: 180,
		typeOptions: { minValue: 0.001, maxValue: 3600 },
		description:
			"How long one request may take, from its start to the last byte of the answer, before it fails (and is retried). n8n's Settings > Request Options > Timeout (in milliseconds) takes its place when added.",
	},
];

/** Sent as the body's stream field (with usage asked for: routing/); the output is the same either way. */
const streamOption: INodeProperties = {
	displayName: 'Stream',
	name: 'stream',
	type: 'boolean',
	default: false,
	routing: { send: { type: 'body', property: 'stream' } },
	description:
		'Whether to receive the answer as server-sent events; the node reads the stream to the end and outputs the same item as without streaming',
};

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** The options a user changes: the output, the request's deadline and retries, streaming. */
const commonOptions = [...outputOptions, ...requestOptions, ...documentOptions, streamOption].sort(
	byName,
);

/** Every option of the node, wherever the editor shows it: for checks of values. */
export const nodeOptions = [...commonOptions, ...limitOptions];

const fromVersion1_1 = { show: { '@version': [{ _cnd: { gte: 1.1 } }] } };

/** The model parameters the user adds (also the batch node's). */
export const modelParametersProperty: INodeProperties = {
	displayName: 'Model Parameters',
	name: 'modelParameters',
	type: 'collection',
	placeholder: 'Add Parameter',
	default: {},
	options: modelParameters,
};

export const optionsProperties: INodeProperties[] = [
	modelParametersProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: commonOptions,
		displayOptions: fromVersion1_1,
	},
	{
		displayName: 'Limits',
		name: 'limits',
		type: 'collection',
		placeholder: 'Add Limit',
		default: {},
		options: limitOptions,
		displayOptions: fromVersion1_1,
	},
	// Version 1 kept the limits among the options; its saved workflows still have them there.
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...commonOptions, ...limitOptions].sort(byName),
		displayOptions: { show: { '@version': [1] } },
	},
];
