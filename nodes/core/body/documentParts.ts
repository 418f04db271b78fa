import type { IDataObject } from 'n8n-workflow';

import { InputProblem } from '../errors/problems';
import { isPdfUrl } from '../parameters/documentType';
import type { DocumentOptions, DocumentShape } from '../item/documentOptions';
import type { InlineImage } from './jsonBody';

/**
 * The gateways whose documentation says how they take a PDF inside /chat/completions, and the one
 * known to take none. Others are "not checked": the node sends a PDF to them only in the form the
 * user chooses (Documents As). The README's provider table says the same (Documents column).
 */
const DOCUMENT_GATEWAYS: Array<{ host: RegExp; shape: DocumentShape | 'none' }> = [
	{ host: /(^|\.)api\.openai\.com$/, shape: 'file' },
	{ host: /(^|\.)openrouter\.ai$/, shape: 'openrouter' },
	{ host: /(^|\.)mistral\.ai$/, shape: 'document_url' },
	{ host: /(^|\.)deepseek\.com$/, shape: 'none' },
];

const GATEWAYS_WITH_DOCUMENTS = 'OpenAI, OpenRouter or Mistral';

function hostOf(baseUrl: string): string {
	return URL.canParse(baseUrl) ? new URL(baseUrl).hostname.toLowerCase() : '';
}

/** Pure: the form PDFs take at this Base URL, or why none can go (an InputProblem). */
export function documentShape(
	baseUrl: string | undefined,
	options: DocumentOptions,
): DocumentShape {
	if (options.documentsAs !== 'auto') return options.documentsAs;
	const known = DOCUMENT_GATEWAYS.find(({ host }) => host.test(hostOf(baseUrl ?? '')));
	if (known?.shape === 'none') {
		throw new InputProblem(
			'Documents',
			`this API takes no PDF documents: send them to an API that does (${GATEWAYS_WITH_DOCUMENTS}), or turn their pages into images first`,
		);
	}
	if (!known) {
		throw new InputProblem(
			'Documents',
			`it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images`,
		);
	}
	return known.shape;
}

/** Pure: which of the item's image URLs (or inline placeholders) are documents, with their file names. */
export function documentsAmong(
	images: Array<string | InlineImage>,
	urls: string[],
	urlsArePdfs: boolean,
): Map<string, string> {
	const documents = new Map<string, string>();
	images.forEach((image, index) => {
		if (typeof image === 'string') {
			if (!urlsArePdfs && !isPdfUrl(image)) return;
			const path = URL.canParse(image) && !image.startsWith('data:') ? new URL(image).pathname : '';
			documents.set(image, decodeURIComponent(path.split('/').pop() || 'document.pdf'));
		} else if (image.fileName !== undefined) {
			documents.set(urls[index], image.fileName);
		}
	});
	return documents;
}

/**
 * Pure: the messages with each image part that holds a document made a document part of the
 * given shape (`detail` is for images, so it goes). OpenAI takes a PDF only as data, not by URL.
 */
export function withDocumentParts(
	messages: IDataObject[],
	documents: Map<string, string>,
	shape: DocumentShape,
	inline: Set<string>,
): IDataObject[] {
	return messages.map((message) => {
		if (!Array.isArray(message.content)) return message;
		const content = (message.content as IDataObject[]).map((part) => {
			const url = (part.image_url as IDataObject | undefined)?.url as string | undefined;
			if (part.type !== 'image_url' || url === undefined || !documents.has(url)) return part;
			if (shape === 'document_url') return { type: 'document_url', document_url: url };
			if (shape === 'file' && !inline.has(url) && !url.startsWith('data:')) {
				throw new InputProblem(
					'Image URLs',
					`"${url}" is a PDF by URL, which OpenAI's file part does not take: download it first (HTTP Request node, Response Format File) and send it as binary data`,
				);
			}
			return { type: 'file', file: { filename: documents.get(url), file_data: url } };
		});
		return { ...message, content };
	});
}
