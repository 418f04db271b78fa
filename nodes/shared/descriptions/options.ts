import type { INodeProperties } from 'n8n-workflow';

import { REASONING_MODEL_NAMES } from '../errors/quirks';

/**
 * Model parameters, sent to the API only when the user added them. Those routing can send as they
 * are say where; the rest are checked and placed by request/bodyFields.ts.
 */
export const modelParameters: INodeProperties[] = [
	{
		displayName: 'Frequency Penalty',
		name: 'frequencyPenalty',
		type: 'number',
		default: 0,
		typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
		description: 'Positive values lower the chance of repeating the same words (-2 to 2)',
	},
	{
		displayName: 'Logit Bias',
		name: 'logitBias',
		type: 'json',
		default: '{}',
		description: 'A JSON object of token IDs to a bias from -100 to 100, e.g. {"50256": -100}',
	},
	{
		displayName: 'Max Tokens',
		name: 'maxTokens',
		type: 'number',
		default: 1024,
		typeOptions: { minValue: 1, maxValue: 1000000 },
		description: `The most tokens the answer may use. Sent as max_tokens, or as max_completion_tokens to the OpenAI reasoning models that require it (${REASONING_MODEL_NAMES}).`,
	},
	{
		displayName: 'Number of Choices',
		name: 'n',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 128 },
		description: 'How many answers to generate for each item (1 to 128)',
	},
	{
		displayName: 'Presence Penalty',
		name: 'presencePenalty',
		type: 'number',
		default: 0,
		typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
		description: 'Positive values make new topics more likely (-2 to 2)',
	},
	{
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		default: 0,
		description: 'Ask for repeatable sampling with this seed (best effort on the API side)',
	},
	{
		displayName: 'Stop Sequences',
		name: 'stop',
		type: 'string',
		default: [],
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Stop Sequence' },
		description: 'Up to 4 sequences where the model stops writing',
	},
	{
		displayName: 'Temperature',
		name: 'temperature',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
		description: 'Higher values make the answer more random (0 to 2)',
	},
	{
		displayName: 'Top P',
		name: 'topP',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: 'Nucleus sampling: consider only the tokens within this probability mass (0 to 1)',
	},
	{
		displayName: 'User',
		name: 'user',
		type: 'string',
		default: '',
		description:
			'An ID of your end user, passed to the API for abuse monitoring (left out when empty)',
	},
];

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

// The request loop uses REQUEST_OPTION_DEFAULTS when an option is not added; n8n's lint rules
// want literal defaults here, so a unit test keeps the two equal.

/** Options for how one request is tried: its deadline and its retries. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		default: 2,
		typeOptions: { minValue: 0, maxValue: 10 },
		description:
			'How often one item is tried again after a rate limit (429), a server error (5xx), a timeout or a dropped connection; 0 turns retries off',
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

/** Limits on what the node holds and sends at once: rarely changed, so apart from the options. */
export const limitOptions: INodeProperties[] = [
	{
		displayName: 'Adaptive Concurrency',
		name: 'adaptiveConcurrency',
		type: 'boolean',
		default: true,
		description:
			"Whether to find the API's limit instead of hitting it: start with a few requests at once, send more while answers come back clean, fewer after a rate limit (429), up to Max Concurrent Requests. Off: always Max Concurrent Requests.",
	},
	{
		displayName: 'Image Memory Budget (MB)',
		name: 'imageMemoryMb',
		type: 'number',
		default: 256,
		typeOptions: { minValue: 0.001, maxValue: 100000 },
		description:
			'The most binary image data that requests with this API key hold in memory at once. A single image larger than this is still sent, on its own.',
	},
	{
		displayName: 'Max Answer Size (MB)',
		name: 'maxAnswerSizeMb',
		type: 'number',
		default: 64,
		typeOptions: { minValue: 0.001, maxValue: 1024 },
		description:
			'The most one answer may hold (after decompression); a larger one fails its item, not n8n. Real chat answers stay far below the default: an answer this large means the Base URL is not a chat API or the model wrote without end.',
	},
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrency',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, maxValue: 200 },
		description:
			'The most requests open at once with this API key, shared by every workflow in this n8n; the rest wait their turn',
	},
	{
		displayName: 'Max Image Size (MB)',
		name: 'maxImageSizeMb',
		type: 'number',
		default: 20,
		typeOptions: { minValue: 0.001, maxValue: 1000 },
		description: 'Binary images larger than this are refused before any request is sent',
	},
];

/** Sent as the body's stream field (request/bodyFields.ts); the output is the same either way. */
const streamOption: INodeProperties = {
	displayName: 'Stream',
	name: 'stream',
	type: 'boolean',
	default: false,
	description:
		'Whether to receive the answer as server-sent events; the node reads the stream to the end and outputs the same item as without streaming',
};

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** The options a user changes: the output, the request's deadline and retries, streaming. */
const commonOptions = [...outputOptions, ...requestOptions, streamOption].sort(byName);

/** Every option of the node, wherever the editor shows it: for checks of values. */
export const nodeOptions = [...commonOptions, ...limitOptions];

const fromVersion1_1 = { show: { '@version': [{ _cnd: { gte: 1.1 } }] } };

export const optionsProperties: INodeProperties[] = [
	{
		displayName: 'Model Parameters',
		name: 'modelParameters',
		type: 'collection',
		placeholder: 'Add Parameter',
		default: {},
		options: modelParameters,
	},
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
