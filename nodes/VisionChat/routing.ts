import type { INodeProperties } from 'n8n-workflow';

import { rateLimitReport } from './limiter/rateLimitReport';
import { sendItemRequest } from './request/sendItemRequest';
import type { AttemptSteps } from './request/sendItemRequest';
import { withErrorItems } from './response/errorItems';
import { readAnswer, readCompletion, throwOnApiError, toOutputItems } from './response/postReceive';

/**
 * The steps every answer of one item goes through first. They belong to the item's attempt (its
 * limits, its limiter slot), so `sendItemRequest` puts them at the head of the engine's response
 * chain for that item: n8n offers no other place for steps that differ per item.
 */
const attemptSteps: AttemptSteps = (answer, reports) => [
	// response/: the body, read within Max Answer Size and the attempt's deadline.
	readAnswer(answer),
	// limiter/: what the answer's headers say of the API's limits, to the key's limiter.
	rateLimitReport(reports.observe),
];

/**
 * The map of how each item reaches the API and how its answer becomes output items. For every
 * item, in this order:
 * 1. the parameters' routing (descriptions/) builds the request body's fields;
 * 2. `sendItemRequest` (request/) owns the item's request loop: it checks the item, waits for a
 *    slot of its key's limiter (limiter/), reads the images, encodes the body, and sends it
 *    through the engine, retrying on its own (request/sendWithRetries.ts);
 * 3. every answer runs the response chain: `attemptSteps` above, then `throwOnApiError`,
 *    `readCompletion` and `toOutputItems` (response/), which turn it into output items or the
 *    item's failure;
 * 4. `withErrorItems` (response/) makes a failure the item's error item when the node continues
 *    on error.
 *
 * n8n offers no place in a node's description for steps 2 to 4, so they hang on a hidden
 * parameter. `paginate` is how n8n hands a function one item's request loop.
 */
export const itemRequestRouting: INodeProperties = {
	displayName: 'Item Request',
	name: 'itemRequest',
	type: 'hidden',
	default: '',
	routing: {
		send: { paginate: true },
		operations: { pagination: withErrorItems(sendItemRequest(attemptSteps)) },
		output: { postReceive: [throwOnApiError, readCompletion, toOutputItems] },
	},
};
