import type { INodeProperties } from 'n8n-workflow';

import { sendItemRequest } from './request/sendItemRequest';
import { withErrorItems } from './response/errorItems';
import { readCompletion, throwOnApiError, toOutputItems } from './response/postReceive';

/**
 * How each item reaches the API and how its answer becomes output items. The parameters'
 * routing builds the request body; then, for every item:
 * - `sendItemRequest` (request/) owns the item's request: it checks the item, waits for a
 *   concurrency slot, reads the images, encodes the body and retries on its own;
 * - the engine sends it, and the response chain (response/) turns the answer into output
 *   items, or into the item's failure;
 * - `withErrorItems` (response/) makes a failure the item's error item when the node continues
 *   on error.
 *
 * n8n offers no place in a node's description for these two, so they hang on a hidden
 * parameter. `paginate` is how n8n hands a function one item's request loop.
 */
export const itemRequestRouting: INodeProperties = {
	displayName: 'Item Request',
	name: 'itemRequest',
	type: 'hidden',
	default: '',
	routing: {
		send: { paginate: true },
		operations: { pagination: withErrorItems(sendItemRequest) },
		output: { postReceive: [throwOnApiError, readCompletion, toOutputItems] },
	},
};
