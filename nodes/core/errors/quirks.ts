import type { IDataObject } from 'n8n-workflow';

/** What was asked of the API, for words about a refusal. */
export interface SentRequest {
	/** The address the request went to. */
	url?: string;
	model?: string;
	sentImageUrls?: boolean;
	/** Whether the request carried PDF documents. */
	sentDocuments?: boolean;
	choices?: number;
}

/**
 * A change to the request's fields that a known refusal asks for. Each change takes something
 * away, so a request is changed a few times at most.
 */
export interface Adaptation {
	/** Pure: the fields changed, or undefined when the change does not apply to them. */
	change(fields: IDataObject): IDataObject | undefined;
	/** What the output item says when its request was changed to get an answer. */
	notice: string;
}

/**
 * A refusal that gateways and models are known to send, in one row: how it is recognised, what
 * the user is told, and where a changed request avoids it, the change (tried once at run time)
 * and when it is made before the first request.
 */
export interface Quirk {
	/** Whether a refusal is this known one. */
	matches(status: number, apiMessage: string, sent: SentRequest): boolean;
	/** The message in place of the API's words alone. */
	message?(apiMessage: string, sent: SentRequest): string;
	hint?: string;
	adaptation?: Adaptation;
	/** Whether the request is known to need the adaptation before it is sent. */
	adaptBeforeSending?(fields: IDataObject): boolean;
}

const REFUSAL = [400, 422];

/** The OpenAI reasoning models that take the token limit only as max_completion_tokens. */
export const REASONING_MODEL_NAMES = 'o1, o3, o4-mini, GPT-5';

// A model ID may carry a gateway's prefix (openai/o3).
const REASONING_MODEL = /(^|\/)(o\d|gpt-5)/i;

export const QUIRKS: Quirk[] = [
	{
		// Groq: "property 'stream_options' is unsupported"; Mistral: 422 "extra inputs are not permitted".
		matches: (status, text) => REFUSAL.includes(status) && /stream_options/i.test(text),
		hint: 'This API refuses stream_options, which the node sends with Stream on to get usage: turn Stream off.',
		adaptation: {
			change: ({ stream_options: refused, ...rest }) => (refused === undefined ? undefined : rest),
			notice:
				'The API refused stream_options: sent again without it, so usage is what the API gives (often none).',
		},
	},
	{
		// OpenAI's reasoning models: "Use 'max_completion_tokens' instead."; most gateways and local
		// servers know only max_tokens.
		matches: (status, text) =>
			REFUSAL.includes(status) && /max_tokens/.test(text) && /max_completion_tokens/.test(text),
		hint: 'This model takes the token limit as max_completion_tokens only: remove Max Tokens from Model Parameters.',
		adaptation: {
			change: ({ max_tokens: maxTokens, ...rest }) =>
				maxTokens === undefined ? undefined : { ...rest, max_completion_tokens: maxTokens },
			notice: 'The model refused max_tokens: Max Tokens was sent again as max_completion_tokens.',
		},
		adaptBeforeSending: (fields) => REASONING_MODEL.test(String(fields.model ?? '')),
	},
	{
		// A gateway or model without PDFs: OpenAI-compatible servers that know only text and image
		// parts ("unknown variant `file`", "Invalid content type: document_url", "file input is not
		// supported for this model").
		matches: (status, text, sent) =>
			REFUSAL.includes(status) &&
			Boolean(sent.sentDocuments) &&
			/\b(file|document|pdf)/i.test(text) &&
			/not supported|unsupported|unknown|invalid|does not support|expected/i.test(text),
		message: (text, sent) =>
			`${sent.model ? `model "${sent.model}"` : 'the API'} does not take PDF documents (the API says: ${text})`,
		hint: "Send PDFs to an API that takes them (OpenAI, OpenRouter or Mistral: see the provider table's Documents column), or turn their pages into images before Vision Chat.",
	},
	{
		// Ollama's OpenAI layer, base64 only: "invalid image input" (older), "image URLs are not
		// currently supported, please use base64 encoded data instead".
		matches: (status, text, sent) =>
			REFUSAL.includes(status) &&
			Boolean(sent.sentImageUrls) &&
			((/base64/i.test(text) && /url/i.test(text)) || /^invalid image input$/i.test(text)),
		hint: 'This API takes images only as base64 data, not as URLs: download them first (for example with the HTTP Request node, Response Format "File") and send them with Binary Images instead of Image URLs.',
	},
	{
		// DeepSeek chat: "unknown variant `image_url`, expected `text`"; OpenAI: "image_url is only
		// supported by certain models".
		matches: (status, text) =>
			REFUSAL.includes(status) &&
			/image_url|image input|images? (is|are) not supported|does not support images?/i.test(text),
		message: (text, sent) =>
			`model ${sent.model ? `"${sent.model}" ` : ''}does not accept images (the API says: ${text})`,
		hint: 'Choose a vision model of this API, or send no images (Binary Images "None", no Image URLs).',
	},
	{
		// Groq: "json_schema is not supported with this model"; DeepSeek: "This response_format type
		// is unavailable now"; others: "'response_format.type' must be 'json_object' or 'text'". Any
		// refusal that names either: the change below applies only where a schema was sent. Not
		// OpenAI's "Invalid schema for response_format": that is the user's schema to fix.
		matches: (status, text) =>
			REFUSAL.includes(status) &&
			/json_schema|response_format/i.test(text) &&
			!/invalid schema/i.test(text),
		hint: 'This API or model does not take this Response Format: choose "JSON Object" and name the fields in the prompt (the answer is still parsed into "parsed"), or "Text".',
		// json_schema refused: JSON Object with the schema in the system message; that refused
		// too: no response_format, the same words. The answer is checked against the schema either way.
		adaptation: {
			change: ({ response_format: format, ...rest }) => {
				const type = (format as IDataObject | undefined)?.type;
				if (type === 'json_schema') return { ...rest, response_format: { type: 'json_object' } };
				return type === 'json_object' ? rest : undefined;
			},
			notice:
				'The API refused this response_format: the answer was asked for with the schema in the system message (as JSON Object, or as text where that was refused too), and checked against it.',
		},
	},
	{
		// OpenAI's reasoning models: "Only the default (1) value is supported."
		matches: (status, text) => REFUSAL.includes(status) && /\btemperature\b/i.test(text),
		hint: 'This model does not accept the Temperature you set: remove Temperature from Model Parameters (reasoning models take only the default, 1).',
	},
	{
		matches: (status, text) => REFUSAL.includes(status) && /\btop_p\b/i.test(text),
		hint: 'This model does not accept the Top P you set: remove Top P from Model Parameters.',
	},
	{
		// Anthropic's OpenAI compatibility: only one choice.
		matches: (status, text, sent) =>
			REFUSAL.includes(status) &&
			(sent.choices ?? 1) > 1 &&
			/(^|[^\w])n([^\w]|$)|choices/i.test(text),
		hint: 'This API gives one answer per request: remove Number of Choices from Model Parameters (or set it to 1).',
	},
];

/** Pure: the fields with the changes known to be needed before the first request. */
export function adaptedBeforeSending(fields: IDataObject): IDataObject {
	return QUIRKS.reduce(
		(current, quirk) =>
			(quirk.adaptation &&
				quirk.adaptBeforeSending?.(current) &&
				quirk.adaptation.change(current)) ||
			current,
		fields,
	);
}
