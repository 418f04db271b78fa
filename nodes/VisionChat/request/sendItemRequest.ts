import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { withSlot } from './concurrency';
import { encodeItemBody } from './itemBody';
import { prepareItem } from './prepareItem';
import { sendWithRetries } from './sendWithRetries';
import { maxConcurrency } from './settings';

/**
 * One item's way to the API. The engine calls it once per item, all at once, with the request
 * the routing built. The item is checked first; then it waits for a concurrency slot, and only
 * then reads its images, so at most Max Concurrent Requests items hold images in memory.
 */
export async function sendItemRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const item = prepareItem(this);
	const slotKey = `${this.getExecutionId() ?? 'manual'}:${this.getNode().id ?? this.getNode().name}`;
	return await withSlot(
		slotKey,
		() => maxConcurrency(this),
		async () => {
			const { options } = requestData;
			const { body, fields } = await encodeItemBody(this, item, options.body as IDataObject);
			// A request of its own: the engine keeps its requestData until the node ends, so the
			// encoded body (images included) must not be left in it.
			const request = {
				...requestData,
				options: { ...options, body, timeout: item.timeoutMs ?? options.timeout },
			};
			return await sendWithRetries(this, request, fields, item.settings);
		},
	);
}
