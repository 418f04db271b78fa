import type { INodeProperties } from 'n8n-workflow';

import { rateLimitReport } from './limiter/rateLimitReport';
import { sendItemRequest } from './send/sendItemRequest';
import type { AnswerSteps } from './send/sendItemRequest';
import { withErrorItems } from '../shared/answer/errorItems';
import { readAnswer, readCompletion, throwOnApiError, toOutputItems } from './answer/answerSteps';

/**
 * The steps every answer of one item goes through, in order. Some belong to the item's attempt
 * (its limits, its limiter slot, the credential it was sent with), so each item gets its own.
 */
const answerSteps: AnswerSteps = (answer, reports, credential, sent) => [
	// response/: the body, read within Max Answer Size and the attempt's deadline.
	readAnswer(answer),
	// limiter/: what the answer's headers say of the API's limits, to the key's limiter.
	rateLimitReport(reports.observe),
	// response/: a non-2xx answer becomes the item's failure, from the response body only.
	throwOnApiError(credential, sent),
	// response/: the completion (JSON, or an event stream read to its end), then output items.
	readCompletion,
	toOutputItems,
];

/**
 * The map of how each item reaches the API and how its answer becomes output items. For every
 * item, in this order:
 * 1. the parameters' routing (descriptions/) builds the request body's fields;
 * 2. `sendItemRequest` (request/) owns the item's request loop: it checks the item, reads the
 *    node run's credential once for all items (request/runCredentials.ts), waits for a slot of
 *    its key's limiter (limiter/), reads the images, encodes the body, and sends it through n8n's
 *    authenticated request helper (request/sendAttempt.ts), retrying on its own
 *    (request/sendWithRetries.ts);
 * 3. every answer runs `answerSteps` above, which turn it into output items or the item's
 *    failure;
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
		operations: { pagination: withErrorItems(sendItemRequest(answerSteps)) },
	},
};
