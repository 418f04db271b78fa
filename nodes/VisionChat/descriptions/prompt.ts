import type { INodeProperties } from 'n8n-workflow';

export const promptProperties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		placeholder: 'e.g. Describe this image in one sentence',
		description: 'The text sent before the images. May be empty when images are sent.',
		typeOptions: { rows: 4 },
	},
	{
		displayName: 'System Message',
		name: 'systemMessage',
		type: 'string',
		default: '',
		placeholder: 'e.g. You tag product photos for an online shop',
		description: 'Optional instructions sent as the system message, before the prompt',
		typeOptions: { rows: 2 },
	},
];
