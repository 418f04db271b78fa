import type { INodeProperties } from 'n8n-workflow';

import { fromAiDefault } from './fromAi';

const prompt: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	default: '',
	placeholder: 'e.g. Describe this image in one sentence',
	description: 'The text sent before the images. May be empty when images are sent.',
	typeOptions: { rows: 4 },
};

export const promptProperties: INodeProperties[] = [
	{ ...prompt, displayOptions: { show: { inputMode: ['prompt'] }, hide: { '@tool': [true] } } },
	// As an AI Agent's tool the agent's model writes the prompt, unless the user sets it.
	{
		...prompt,
		default: fromAiDefault(
			'prompt',
			'What to ask about the images, or what text to read from them',
		),
		displayOptions: { show: { '@tool': [true] } },
	},
	{
		displayName: 'System Message',
		name: 'systemMessage',
		type: 'string',
		default: '',
		placeholder: 'e.g. You tag product photos for an online shop',
		description: 'Optional instructions sent as the system message, before the prompt',
		typeOptions: { rows: 2 },
		displayOptions: { show: { inputMode: ['prompt'] } },
	},
];
