import type { INodeProperties } from 'n8n-workflow';

import { fromAiDefault } from './fromAi';

const forPromptMode = { show: { inputMode: ['prompt'] } };

const imageUrls: INodeProperties = {
	displayName: 'Image URLs',
	name: 'imageUrls',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/photo.jpg',
	description:
		'Image URLs (http, https or data:image), separated by commas or new lines; an expression may also give an array',
	typeOptions: { rows: 2 },
};

export const imageProperties: INodeProperties[] = [
	{
		displayName: 'Binary Images',
		name: 'binaryImages',
		type: 'options',
		default: 'properties',
		description: 'Which binary data of the input item to send as images',
		// An AI Agent's tool receives no binary data: its images come from Image URLs.
		displayOptions: { ...forPromptMode, hide: { '@tool': [true] } },
		options: [
			{
				name: 'From Named Binary Properties',
				value: 'properties',
				description: 'The binary properties named below ("data" when none is named)',
			},
			{
				name: 'All Binary Properties',
				value: 'all',
				description: 'Every binary property of the item, in order',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Send no binary data (URL images or text only)',
			},
		],
	},
	{
		displayName: 'Binary Property Names',
		name: 'binaryPropertyNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, thumbnail',
		description:
			'Names of the binary properties holding the images, separated by commas. Empty: "data" when the item has binary data, and no binary image when it has none (an item with only Image URLs).',
		displayOptions: {
			show: { inputMode: ['prompt'], binaryImages: ['properties'] },
			hide: { '@tool': [true] },
		},
	},
	{ ...imageUrls, displayOptions: { ...forPromptMode, hide: { '@tool': [true] } } },
	// As an AI Agent's tool the agent's model gives the image URLs, unless the user sets them.
	{
		...imageUrls,
		default: fromAiDefault('imageUrls', 'The URLs of the images to look at, separated by commas'),
		displayOptions: { show: { '@tool': [true] } },
	},
	{
		displayName: 'Image Detail',
		name: 'imageDetail',
		type: 'options',
		default: 'auto',
		description:
			'How closely the model looks at each image; low is faster and uses fewer tokens. In Messages mode, for image parts that set none.',
		options: [
			{ name: 'Auto', value: 'auto' },
			{ name: 'Low', value: 'low' },
			{ name: 'High', value: 'high' },
		],
	},
];
