import type { IDataObject } from 'n8n-workflow';

import type { Adaptation } from '../failures/retry';

/** What the output item says when its request was changed to get an answer. */
export const ADAPTATION_NOTICES: Record<Adaptation, string> = {
	withoutStreamOptions:
		'The API refused stream_options: sent again without it, so usage is what the API gives (often none).',
	maxCompletionTokens:
		'The model refused max_tokens: Max Tokens was sent again as max_completion_tokens.',
};

/** Pure: the body fields with the change a known refusal asks for, or undefined if it does not apply. */
export function adaptFields(fields: IDataObject, adaptation: Adaptation): IDataObject | undefined {
	if (adaptation === 'withoutStreamOptions') {
		if (!('stream_options' in fields)) return undefined;
		const { stream_options: _refused, ...rest } = fields;
		return rest;
	}
	if (!('max_tokens' in fields)) return undefined;
	const { max_tokens: maxTokens, ...rest } = fields;
	return { ...rest, max_completion_tokens: maxTokens };
}

/**
 * Pure: the encoded body (`{...fields, "messages": [...]}`, images included, as itemBody.ts
 * writes it) with other fields: the fields are the head of the JSON text, so only the head is
 * written again and the messages' bytes (the images) are reused as they are.
 */
export function replaceFields(body: Buffer, fields: IDataObject, replaced: IDataObject): Buffer {
	// The fields' JSON without its closing brace is where the messages follow.
	const head = Buffer.from(JSON.stringify(fields).slice(0, -1));
	if (head.length < 2 || JSON.stringify(replaced) === '{}') {
		throw new Error('replaceFields: a body always has fields (the model)');
	}
	if (!body.subarray(0, head.length).equals(head) || body[head.length] !== 0x2c) {
		throw new Error('replaceFields: the body does not start with these fields');
	}
	return Buffer.concat([
		Buffer.from(JSON.stringify(replaced).slice(0, -1)),
		body.subarray(head.length),
	]);
}
