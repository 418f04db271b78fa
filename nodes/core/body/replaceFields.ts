import type { IDataObject } from 'n8n-workflow';

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

/**
 * Pure: the encoded body with more messages at the end of its messages (the last field, as
 * itemBody.ts writes it); the bytes before, images included, are reused as they are.
 */
export function appendMessages(body: Buffer, messages: IDataObject[]): Buffer {
	const end = body.length - 2;
	if (body[end] !== 0x5d || body[end + 1] !== 0x7d) {
		throw new Error('appendMessages: the body does not end with its messages');
	}
	const added = JSON.stringify(messages).slice(1, -1);
	const comma = body[end - 1] === 0x5b ? '' : ',';
	return Buffer.concat([body.subarray(0, end), Buffer.from(`${comma}${added}]}`)]);
}
