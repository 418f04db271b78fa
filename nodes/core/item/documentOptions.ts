import type { IDataObject } from 'n8n-workflow';

/** How a PDF goes into a message: OpenAI's `file` part (also OpenRouter's), or Mistral's `document_url`. */
export type DocumentShape = 'file' | 'openrouter' | 'document_url';

/** Options > Documents As, and what else the user set about documents. */
export interface DocumentOptions {
	documentsAs: 'auto' | DocumentShape;
	/** OpenRouter's PDF engine (its file-parser plugin), sent only to OpenRouter. */
	pdfEngine?: string;
	/** Whether every Image URL is a PDF, whatever its path. */
	urlsArePdfs: boolean;
}

/** Pure: the document options from the node's Options. */
export function documentOptions(options: IDataObject): DocumentOptions {
	const engine = String(options.pdfEngine ?? '').trim();
	return {
		documentsAs: (options.documentsAs as DocumentOptions['documentsAs'] | undefined) ?? 'auto',
		...(engine !== '' ? { pdfEngine: engine } : {}),
		urlsArePdfs: options.urlsArePdfs === true,
	};
}
