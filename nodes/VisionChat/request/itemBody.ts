import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { encodeJsonBody, placeInlineImages } from './jsonBody';
import { loadImages } from './loadImages';
import { buildMessages } from './messages';
import { withImageUrls } from './messagesParameter';
import type { PreparedItem } from './prepareItem';

/**
 * The item's request body as ready JSON bytes (and its fields apart from the messages): the fields
 * the routing set and the item's own, and the messages with
 * the item's images, which are read only now (the item holds a slot) and encoded once, straight
 * into the bytes.
 */
export async function encodeItemBody(
	context: IExecuteSingleFunctions,
	item: PreparedItem,
	routedFields: IDataObject,
): Promise<{ body: Buffer; fields: IDataObject }> {
	const images = await loadImages(context, item.sources, item.settings.maxImageBytes);
	const { urls, placed } = placeInlineImages(images);
	const messages =
		'turns' in item.chat
			? buildMessages(item.chat.turns, urls, item.detail)
			: withImageUrls(item.chat.messages, urls, item.detail);
	// The fields first, then the messages: see replaceFields in adaptations.ts.
	const fields = { ...routedFields, ...item.bodyFields };
	return { body: encodeJsonBody({ ...fields, messages }, placed), fields };
}
