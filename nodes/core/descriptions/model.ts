import type { INodeProperties } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
export const modelProperties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The vision model, from the list your API serves, or its ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a model...',
				typeOptions: {
					searchListMethod: 'searchModels',
					searchable: true,
				},
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'gpt-4o-mini',
			},
		],
	},
];

/** The model ID of the current item, whichever mode the Model field is in ('' if none). */
export function modelId(context: ItemReader): string {
	const model = context.getNodeParameter('model', '', { extractValue: true });
	return typeof model === 'string' ? model : '';
}
