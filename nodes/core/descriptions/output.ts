import type { INodeProperties } from 'n8n-workflow';

export const outputProperties: INodeProperties[] = [
	{
		displayName: 'Simplify Output',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only the answer: content, parsed (JSON formats), reasoning (where the model gives it), usage, model and finish_reason. Off returns the API answer as it came.',
	},
];
