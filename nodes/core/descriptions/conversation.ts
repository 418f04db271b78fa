import type { INodeProperties } from 'n8n-workflow';

const forPromptMode = { show: { inputMode: ['prompt'] } };

/** What the item sends: a prompt with its images (the common case), or the whole chat as JSON. */
export const inputModeProperty: INodeProperties = {
	displayName: 'Input',
	name: 'inputMode',
	type: 'options',
	noDataExpression: true,
	default: 'prompt',
	options: [
		{
			name: 'Prompt and Images',
			value: 'prompt',
			description: 'A prompt, its images, and optionally a system message and examples',
		},
		{
			name: 'Messages (JSON)',
			value: 'messages',
			description: 'The whole messages array, from an expression: for multi-turn chats',
		},
	],
	displayOptions: { hide: { '@tool': [true] } },
};

export const messagesProperty: INodeProperties = {
	displayName: 'Messages',
	name: 'messages',
	type: 'json',
	default:
		'[\n  {\n    "role": "user",\n    "content": [\n      { "type": "text", "text": "Describe this image" },\n      { "type": "image_url", "image_url": { "url": "binary:data" } }\n    ]\n  }\n]',
	description:
		'The chat messages as the API takes them. An image part\'s URL may be "binary:" and the name of a binary property of the item, e.g. "binary:data": its image is sent inline.',
	displayOptions: { show: { inputMode: ['messages'] } },
};

/** Earlier turns that show the model the answers expected, for consistent labels. */
export const examplesProperty: INodeProperties = {
	displayName: 'Examples',
	name: 'examples',
	type: 'fixedCollection',
	placeholder: 'Add Example',
	default: {},
	typeOptions: { multipleValues: true, sortable: true },
	description:
		'Images with the answer expected for each, sent before the item as earlier turns of the chat (the prompt, the example image, then the answer), so the model answers every item the same way',
	displayOptions: forPromptMode,
	options: [
		{
			displayName: 'Example',
			name: 'example',
			values: [
				{
					displayName: 'Image From',
					name: 'imageSource',
					type: 'options',
					default: 'url',
					options: [
						{ name: 'URL', value: 'url' },
						{ name: 'Binary Property of the Item', value: 'binary' },
					],
				},
				{
					displayName: 'Image URL',
					name: 'imageUrl',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/red-shoe.jpg',
					displayOptions: { show: { imageSource: ['url'] } },
				},
				{
					displayName: 'Binary Property',
					name: 'binaryProperty',
					type: 'string',
					default: 'example',
					displayOptions: { show: { imageSource: ['binary'] } },
				},
				{
					displayName: 'Expected Answer',
					name: 'answer',
					type: 'string',
					default: '',
					placeholder: 'e.g. {"category": "shoes", "color": "red"}',
					typeOptions: { rows: 2 },
				},
			],
		},
	],
};
