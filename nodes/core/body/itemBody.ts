import type { IDataObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { encodeJsonBody, placeInlineImages } from './jsonBody';
import { loadImages } from './loadImages';
import { buildMessages } from '../item/messages';
import { withImageUrls } from '../item/messagesParameter';
import type { PreparedItem } from '../item/prepareItem';

/**
 * The item's request body as ready JSON bytes (and its fields apart from the messages): the
 * fields read with the item (item/bodyFields.ts), then the messages with the item's images,
 * which are read only now (the item holds a slot) and encoded once, straight into the bytes.
 * Both nodes build every request body here.
 */
export async function encodeItemBody(
	context: ItemReader,
	item: PreparedItem,
): Promise<{ body: Buffer; fields: IDataObject }> {
	const images = await loadImages(context, item.sources, item.settings.maxImageBytes);
	const { urls, placed } = placeInlineImages(images);
	const messages =
		'turns' in item.chat
			? buildMessages(item.chat.turns, urls, item.detail)
			: withImageUrls(item.chat.messages, urls, item.detail);
	// The fields first, then the messages: see replaceFields.ts.
	const fields = item.bodyFields;
	return { body: encodeJsonBody({ ...fields, messages }, placed), fields };
}
