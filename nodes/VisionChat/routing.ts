import type { INodeProperties } from 'n8n-workflow';

import { rateLimitReport } from './answer/rateLimitReport';
import { sendItemRequest } from './send/sendItemRequest';
import type { StepsForAnswer } from './send/sendItemRequest';
import { withErrorItems } from './answer/withErrorItems';
import {
	readAnswer,
	readCompletion,
	throwOnApiError,
	toOutputItems,
} from './answer/completionSteps';

/**
 * The steps every answer of one item goes through, in order. Some belong to the item's attempt
 * (its limits, its limiter slot, the credential it was sent with), so each item gets its own.
 */
const answerSteps: StepsForAnswer = (answer, reports, credential, sent) => [
	// answer/: the body, read within Max Answer Size and the attempt's deadline.
	readAnswer(answer),
	// limiter/: what the answer's headers say of the API's limits, to the key's limiter.
	rateLimitReport(reports.observe),
	// answer/: a non-2xx answer becomes the item's error, from the response body only.
	throwOnApiError(credential, sent),
	// answer/: the completion (JSON, or an event stream read to its end), then output items.
	readCompletion,
	toOutputItems(sent),
];

/**
 * The map of how each item reaches the API and how its answer becomes output items. For every
 * item, in this order:
 * 0. n8n's RoutingNode builds the request body from the parameters' own routing: the model, the
 *    model parameters and Stream name their field (../core/descriptions/); the messages, the
 *    images (a binary one as a placeholder), the response format and Max Tokens are preSends
 *    (../core/routing/bodyRouting.ts);
 * 1. `sendItemRequest` (send/) takes that body and reads none of those parameters: with the
 *    request settings (../core/item/prepareItem.ts) it reads the node run's credential once for
 *    all items (send/runCredentials.ts) and waits for a slot of its key's limiter (limiter/);
 * 2. with the slot it reads the item's files into their placeholders and encodes the body as
 *    both nodes do (core/body/itemBody.ts), and sends it through n8n's authenticated request
 *    helper (send/sendAttempt.ts), retrying on its own (send/sendWithRetries.ts);
 * 3. every answer runs `answerSteps` above, which turn it into output items or the item's error;
 * 4. `withErrorItems` (answer/) makes an error the item's error item when the node continues on
 *    error.
 *
 * n8n offers no place in a node's description for these steps, so they hang on a hidden
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
