import type { INodeProperties } from 'n8n-workflow';

import { documentOptions, maxDocumentSizeOption, priceOptions, splitChoicesOption } from '../core';

/** Submit's options: how the batch file is made and uploaded. */
export const submitOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { operation: ['submit'] } },
	options: (
		[
			{
				displayName: 'Batch API',
				name: 'batchApi',
				type: 'options',
				default: 'auto',
				options: [
					{
						name: 'From the Base URL',
						value: 'auto',
						description: "Together's own upload for Together's hosts, OpenAI's for the others",
					},
					{ name: "OpenAI's", value: 'openai', description: 'Upload to /files, purpose batch' },
					{
						name: "Together's",
						value: 'together',
						description:
							'Upload to /files/upload, purpose batch-api (for a proxy in front of Together)',
					},
				],
				description: "Which provider's way of uploading the batch file to use",
			},
			{
				displayName: 'Custom ID',
				name: 'customId',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.orderNumber }}',
				description:
					'What names each item in the batch and its row in Get Results, unique per item: an expression such as an order number or a row ID. Empty: the item\'s position and its file name, e.g. "3-receipt.jpg".',
			},
			{
				displayName: 'File Purpose',
				name: 'filePurpose',
				type: 'string',
				default: '',
				placeholder: 'batch',
				description:
					"The purpose the file is uploaded with; empty: the provider's (batch, or batch-api for Together)",
			},
			{
				displayName: 'Keep Input Binary Data',
				name: 'keepBinary',
				type: 'boolean',
				default: false,
				description:
					'Whether the output items keep their binary data (sent already; kept, it is stored with the execution while it waits)',
			},
			{
				displayName: 'Max File Size (MB)',
				name: 'maxFileSizeMb',
				type: 'number',
				default: 200,
				typeOptions: { minValue: 0.001, maxValue: 2000 },
				description:
					"The largest batch file the provider takes; more lines go to another batch. Not added: the provider's (OpenAI 200 MB, Groq and Zhipu 100 MB).",
			},
			{
				displayName: 'Max Image Size (MB)',
				name: 'maxImageSizeMb',
				type: 'number',
				default: 20,
				typeOptions: { minValue: 0.001, maxValue: 1000 },
				description: 'Binary images larger than this are refused before any file is uploaded',
			},
			{
				displayName: 'Max Lines per File',
				name: 'maxLinesPerFile',
				type: 'number',
				default: 50000,
				typeOptions: { minValue: 1, maxValue: 1000000 },
				description:
					"The most requests in one batch file; more lines go to another batch. Not added: the provider's (OpenAI 50,000, SiliconFlow 5,000).",
			},
			...documentOptions,
			maxDocumentSizeOption,
		] as INodeProperties[]
	).sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

/** Get Results' options: the answers' shape and cost, and the result files' limit. */
export const resultOptions: INodeProperties = {
	displayName: 'Options',
	name: 'resultOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { operation: ['getResults'] } },
	options: [
		...priceOptions,
		splitChoicesOption,
		{
			displayName: 'Batch Discount (%)',
			name: 'batchDiscount',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 0, maxValue: 100 },
			description:
				'How much less a batch costs than the same requests one by one (OpenAI, Qwen, GLM: 50); cost is estimated at the token prices less it',
		},
		{
			displayName: 'Include Input Fields',
			name: 'includeInputFields',
			type: 'boolean',
			default: true,
			description:
				"Whether the output item has the input item's fields, such as a file name, after the answer's fields",
		},
		{
			displayName: 'Max Result File Size (MB)',
			name: 'maxResultFileMb',
			type: 'number',
			default: 1024,
			typeOptions: { minValue: 0.001, maxValue: 10000 },
			description:
				"The most one file of a batch may hold: its output and error files, and its input file, read for each line's format and schema; a larger one fails the node (or, for the input file, the lines that need their schema), not n8n. Files are read line by line, so memory follows the answers, not the file.",
		},
	],
};
