import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { InputProblem } from '../errors/problems';
import { PDF_MIME_TYPE, isDeclaredPdf, isPdfUrl } from '../parameters/documentType';
import type { DocumentOptions, DocumentShape } from '../item/documentOptions';
import type { ImageSource } from '../item/imageSources';
import { gatewayAt } from './gateways';
import type { InlineImage } from './jsonBody';

const GATEWAYS_WITH_DOCUMENTS = 'OpenAI, OpenRouter or Mistral';

/** Pure: the form PDFs take at this Base URL, or why none can go (an InputProblem). */
export function documentShape(
	baseUrl: string | undefined,
	options: DocumentOptions,
): DocumentShape {
	if (options.documentsAs !== 'auto') return options.documentsAs;
	const { documents } = gatewayAt(baseUrl);
	if (documents === 'none') {
		throw new InputProblem(
			'Documents',
			`this API takes no PDF documents: send them to an API that does (${GATEWAYS_WITH_DOCUMENTS}), or turn their pages into images first`,
		);
	}
	if (!documents) {
		throw new InputProblem(
			'Documents',
			`it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images`,
		);
	}
	return documents;
}

/**
 * Pure: refuses, before anything is read or sent, an item whose PDFs the API at `baseUrl` does
 * not take: PDFs known by their declared type or their URL (a binary PDF declared as something
 * else is found when read, by its first bytes).
 */
export function checkDeclaredDocuments(
	sources: ImageSource[],
	binary: IBinaryKeyData | undefined,
	baseUrl: string | undefined,
	options: DocumentOptions,
): void {
	const pdfUrls = sources.flatMap((source) =>
		'url' in source && (options.urlsArePdfs || isPdfUrl(source.url)) ? [source.url] : [],
	);
	const binaryPdfs = sources.some(
		(source) =>
			'binaryProperty' in source && isDeclaredPdf(binary?.[source.binaryProperty]?.mimeType),
	);
	if (pdfUrls.length === 0 && !binaryPdfs) return;
	const shape = documentShape(baseUrl, options);
	const byUrl = pdfUrls.find((url) => !url.startsWith('data:'));
	if (shape === 'file' && byUrl !== undefined) throw pdfByUrlProblem(byUrl);
}

function pdfByUrlProblem(url: string): InputProblem {
	return new InputProblem(
		'Image URLs',
		`"${url}" is a PDF by URL, which OpenAI's file part does not take: download it first (HTTP Request node, Response Format File) and send it as binary data`,
	);
}

/** A document among the item's parts: its file name, and whether its data is in the body. */
export interface Document {
	fileName: string;
	inline: boolean;
}

/**
 * Pure: which of the item's parts are PDFs, by the URL (or inline placeholder) that stands for
 * each in the messages: binary PDFs (by their first bytes, read in loadImages.ts), URLs of PDFs
 * by path or data URL, or every URL when the user says so.
 */
export function documentsAmong(
	images: Array<string | InlineImage>,
	urls: string[],
	urlsArePdfs: boolean,
): Map<string, Document> {
	const documents = new Map<string, Document>();
	images.forEach((image, index) => {
		if (typeof image !== 'string') {
			if (image.mimeType === PDF_MIME_TYPE) {
				documents.set(urls[index], { fileName: image.fileName ?? 'document.pdf', inline: true });
			}
			return;
		}
		if (!urlsArePdfs && !isPdfUrl(image)) return;
		const inline = image.startsWith('data:');
		const path = !inline && URL.canParse(image) ? new URL(image).pathname : '';
		const fileName = decodeURIComponent(path.split('/').pop() || 'document.pdf');
		documents.set(image, { fileName, inline });
	});
	return documents;
}

/**
 * Pure: the messages with each image part that holds a document made a document part of the
 * given shape (`detail` is for images, so it goes). OpenAI takes a PDF only as data, not by URL.
 */
export function withDocumentParts(
	messages: IDataObject[],
	documents: Map<string, Document>,
	shape: DocumentShape,
): IDataObject[] {
	return messages.map((message) => {
		if (!Array.isArray(message.content)) return message;
		const content = (message.content as IDataObject[]).map((part) => {
			const url = (part.image_url as IDataObject | undefined)?.url as string | undefined;
			const document = url === undefined ? undefined : documents.get(url);
			if (part.type !== 'image_url' || !document) return part;
			if (shape === 'document_url') return { type: 'document_url', document_url: url };
			if (shape === 'file' && !document.inline) throw pdfByUrlProblem(String(url));
			return { type: 'file', file: { filename: document.fileName, file_data: url } };
		});
		return { ...message, content };
	});
}
