import type { DocumentShape } from '../item/documentOptions';

/** What the node knows of a gateway from its documentation, by the host of its Base URL. */
export interface GatewayFacts {
	/** How it takes an answer's schema where not as `json_schema`. */
	schemaAs?: 'json_object' | 'prompt';
	/** How it takes a PDF inside /chat/completions, or that it takes none. */
	documents?: DocumentShape | 'none';
}

/**
 * The gateways whose documentation says how they differ: JSON Object only (DeepSeek, Zhipu GLM,
 * Moonshot Kimi, Alibaba's Qwen-VL models) or no response_format at all (Anthropic's OpenAI
 * compatibility ignores it); the form of a PDF (OpenAI, OpenRouter, Mistral) or none (DeepSeek).
 * The README's provider table says the same (its Fields and Documents columns, tested row by
 * row). A gateway not here takes json_schema until it refuses it (errors/quirks.ts), and a PDF
 * only in the form Documents As names.
 */
const GATEWAYS: Array<{ host: RegExp } & GatewayFacts> = [
	{ host: /(^|\.)api\.openai\.com$/, documents: 'file' },
	{ host: /(^|\.)openrouter\.ai$/, documents: 'openrouter' },
	{ host: /(^|\.)mistral\.ai$/, documents: 'document_url' },
	{ host: /(^|\.)deepseek\.com$/, schemaAs: 'json_object', documents: 'none' },
	{ host: /(^|\.)bigmodel\.cn$|(^|\.)z\.ai$/, schemaAs: 'json_object' },
	{ host: /(^|\.)moonshot\.(cn|ai)$/, schemaAs: 'json_object' },
	{ host: /(^|\.)aliyuncs\.com$/, schemaAs: 'json_object' },
	{ host: /(^|\.)anthropic\.com$/, schemaAs: 'prompt' },
];

/** Pure: what the node knows of the gateway at this Base URL (nothing for an unknown host). */
export function gatewayAt(baseUrl: string | undefined): GatewayFacts {
	const host = URL.canParse(baseUrl ?? '') ? new URL(baseUrl!).hostname.toLowerCase() : '';
	return GATEWAYS.find((gateway) => gateway.host.test(host)) ?? {};
}
