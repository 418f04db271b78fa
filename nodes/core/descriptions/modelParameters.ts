import type { INodeProperties } from 'n8n-workflow';

import { REASONING_MODEL_NAMES } from '../errors/quirks';

/**
 * Model parameters, sent to the API only when the user added them, each under the body field its
 * routing names (n8n's RoutingNode puts it there); routing/bodyFieldSteps.ts checks what it put.
 */
export const modelParameters: INodeProperties[] = [
	{
		displayName: 'Frequency Penalty',
		name: 'frequencyPenalty',
		routing: { send: { type: 'body', property: 'frequency_penalty' } },
		type: 'number',
		default: 0,
		typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
		description: 'Positive values lower the chance of repeating the same words (-2 to 2)',
	},
	{
		displayName: 'Logit Bias',
		name: 'logitBias',
		routing: { send: { type: 'body', property: 'logit_bias' } },
		type: 'json',
		default: '{}',
		description: 'A JSON object of token IDs to a bias from -100 to 100, e.g. {"50256": -100}',
	},
	{
		displayName: 'Max Tokens',
		name: 'maxTokens',
		routing: { send: { type: 'body', property: 'max_tokens' } },
		type: 'number',
		default: 1024,
		typeOptions: { minValue: 1, maxValue: 1000000 },
		description: `The most tokens the answer may use. Sent as max_tokens, or as max_completion_tokens to the OpenAI reasoning models that require it (${REASONING_MODEL_NAMES}).`,
	},
	{
		displayName: 'Number of Choices',
		name: 'n',
		routing: { send: { type: 'body', property: 'n' } },
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 128 },
		description: 'How many answers to generate for each item (1 to 128)',
	},
	{
		displayName: 'Presence Penalty',
		name: 'presencePenalty',
		routing: { send: { type: 'body', property: 'presence_penalty' } },
		type: 'number',
		default: 0,
		typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
		description: 'Positive values make new topics more likely (-2 to 2)',
	},
	{
		displayName: 'Seed',
		name: 'seed',
		routing: { send: { type: 'body', property: 'seed' } },
		type: 'number',
		default: 0,
		description: 'Ask for repeatable sampling with this seed (best effort on the API side)',
	},
	{
		displayName: 'Stop Sequences',
		name: 'stop',
		routing: { send: { type: 'body', property: 'stop' } },
		type: 'string',
		default: [],
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Stop Sequence' },
		description: 'Up to 4 sequences where the model stops writing',
	},
	{
		displayName: 'Temperature',
		name: 'temperature',
		routing: { send: { type: 'body', property: 'temperature' } },
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
		description: 'Higher values make the answer more random (0 to 2)',
	},
	{
		displayName: 'Top P',
		name: 'topP',
		routing: { send: { type: 'body', property: 'top_p' } },
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: 'Nucleus sampling: consider only the tokens within this probability mass (0 to 1)',
	},
	{
		displayName: 'User',
		name: 'user',
		routing: { send: { type: 'body', property: 'user' } },
		type: 'string',
		default: '',
		description:
			'An ID of your end user, passed to the API for abuse monitoring (left out when empty)',
	},
];
