import type { IDataObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { answerInstruction, withAnswerInstruction } from './answerInstruction';
import { fieldsForGateway } from './gatewayFormats';
import { encodeJsonBody, placeInlineImages } from './jsonBody';
import { loadImages } from './loadImages';
import { replaceFields } from './replaceFields';
import { buildMessages } from '../item/messages';
import { withImageUrls } from '../item/messagesParameter';
import type { PreparedItem } from '../item/prepareItem';

/** An encoded body, the fields it was built with, and what the output says of them. */
export interface EncodedBody {
	body: Buffer;
	fields: IDataObject;
	notices: string[];
}

/**
 * The item's request body as ready JSON bytes: the fields read with the item
 * (item/bodyFields.ts) as the gateway at `baseUrl` takes them, then the messages with the item's
 * images, which are read only now (the item holds a slot) and encoded once, straight into the
 * bytes, and the words about the answer's form the fields need (answerInstruction.ts). Both
 * nodes build every request body here; `fields` in place of the item's rebuilds it after a
 * known refusal.
 */
export async function encodeItemBody(
	context: ItemReader,
	item: PreparedItem,
	gateway: { baseUrl?: string; fields?: IDataObject } = {},
): Promise<EncodedBody> {
	const forGateway = gateway.fields
		? { fields: gateway.fields, notices: [] }
		: fieldsForGateway(item.bodyFields, gateway.baseUrl);
	const { fields } = forGateway;
	const notices = [...item.answer.notices, ...forGateway.notices];
	const images = await loadImages(context, item.sources, item.settings.maxImageBytes);
	const { urls, placed } = placeInlineImages(images);
	const messages =
		'turns' in item.chat
			? buildMessages(item.chat.turns, urls, item.detail)
			: withImageUrls(item.chat.messages, urls, item.detail);
	const instructed = withAnswerInstruction(messages, item.answer, fields);
	// The fields first, then the messages: see replaceFields.ts.
	return { body: encodeJsonBody({ ...fields, messages: instructed }, placed), fields, notices };
}

/**
 * The body with other fields (a known refusal's change): only its head is written again, unless
 * the change asks other words of the messages (json_schema refused: the schema goes into the
 * system message), which rebuilds it.
 */
export async function bodyWithFields(
	context: ItemReader,
	item: PreparedItem,
	sent: EncodedBody,
	changed: IDataObject,
): Promise<Buffer> {
	if (answerInstruction(item.answer, sent.fields) === answerInstruction(item.answer, changed)) {
		return replaceFields(sent.body, sent.fields, changed);
	}
	return (await encodeItemBody(context, item, { fields: changed })).body;
}
