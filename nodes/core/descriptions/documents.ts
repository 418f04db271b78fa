import type { INodeProperties } from 'n8n-workflow';

/** Options for PDF documents sent beside images (also the batch node's). */
export const documentOptions: INodeProperties[] = [
	{
		displayName: 'Documents As',
		name: 'documentsAs',
		type: 'options',
		default: 'auto',
		description:
			'How PDFs (binary, or Image URLs ending in .pdf) go to the API: chosen from the Base URL for OpenAI, OpenRouter and Mistral; for another API (or a proxy in front of one), the form its documentation shows',
		options: [
			{ name: 'From the Base URL', value: 'auto' },
			{
				name: 'Mistral Document URL',
				value: 'document_url',
				description: 'A "document_url" part (Mistral)',
			},
			{
				name: 'OpenAI File Part',
				value: 'file',
				description: 'A "file" part with the PDF as data (OpenAI and most that copy it)',
			},
			{
				name: 'OpenRouter File Part',
				value: 'openrouter',
				description: 'A "file" part with the PDF as data or by URL, and the PDF Engine',
			},
		],
	},
	{
		displayName: 'Image URLs Are PDFs',
		name: 'urlsArePdfs',
		type: 'boolean',
		default: false,
		description:
			'Whether every address in Image URLs is a PDF document, for addresses whose path does not end in .pdf',
	},
	{
		displayName: 'PDF Engine (OpenRouter)',
		name: 'pdfEngine',
		type: 'options',
		default: 'native',
		description:
			"How OpenRouter reads PDFs (its file-parser plugin); sent only to OpenRouter, and only with a PDF. Not added: OpenRouter's own default.",
		options: [
			{
				name: "Model's Own Reading",
				value: 'native',
				description: 'The model reads the file, where it can (billed as input tokens)',
			},
			{
				name: 'Mistral OCR',
				value: 'mistral-ocr',
				description: 'For scans and images in PDFs (paid per page)',
			},
			{
				name: 'Text Extraction',
				value: 'pdf-text',
				description: "The PDF's text layer, free; no scans",
			},
		],
	},
];

/** The largest PDF an item may send (a limit, beside Max Image Size). */
export const maxDocumentSizeOption: INodeProperties = {
	displayName: 'Max Document Size (MB)',
	name: 'maxDocumentSizeMb',
	type: 'number',
	default: 32,
	typeOptions: { minValue: 0.001, maxValue: 1000 },
	description:
		"Binary PDFs larger than this are refused before any request is sent. 32: OpenAI's limit for the files of one request.",
};
