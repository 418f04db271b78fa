import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';

import { limiterKey, withKeySlot } from '../limiter/registry';
import type { SlotReports } from '../limiter/registry';
import type { AnswerLimits } from '../response/boundedBody';
import { encodeItemBody } from './itemBody';
import { prepareItem } from './prepareItem';
import { sendWithRetries } from './sendWithRetries';
import { maxConcurrency } from './settings';

/** The limiter keys of recent node runs: hashes only, never the key itself. */
const runKeys = new Map<string, Promise<string>>();

const RUN_KEYS_KEPT = 256;

/**
 * The limiter key of this node run's credential, read once for all its items: n8n reads and
 * decrypts a credential from its database on every call, and 200 items asking at once delayed
 * the first request by hundreds of ms (benchmark P1's profile). n8n reads it again for each
 * request it sends, when the item holds a slot.
 */
async function runLimiterKey(context: IExecutePaginationFunctions): Promise<string> {
	const readKey = async () => {
		const { baseUrl, apiKey } = await context.getCredentials('visionChatApi');
		return limiterKey({ baseUrl: String(baseUrl ?? ''), apiKey: String(apiKey ?? '') });
	};
	const executionId = context.getExecutionId();
	if (!executionId) return await readKey();
	const node = context.getNode();
	const run = [executionId, node.id, node.credentials?.visionChatApi?.id].join('\n');
	let key = runKeys.get(run);
	if (!key) {
		key = readKey();
		key.catch(() => runKeys.delete(run));
		runKeys.set(run, key);
		if (runKeys.size > RUN_KEYS_KEPT) runKeys.delete(runKeys.keys().next().value as string);
	}
	return await key;
}

/** The steps that read one item's answers: they need its limits and its slot (see routing.ts). */
export type AttemptSteps = (answer: AnswerLimits, reports: SlotReports) => PostReceiveAction[];

/**
 * One item's way to the API. The engine calls it once per item, all at once, with the request
 * the routing built. The item is checked first; then it waits for a slot of its API key's limiter
 * (limiter/), and only then reads its images, so images in memory are bounded by the slots.
 */
export function sendItemRequest(attemptSteps: AttemptSteps) {
	return async function sendOneItem(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const item = prepareItem(this);
		const slot = {
			execution: this.getExecutionId() ?? 'manual',
			ceiling: maxConcurrency(this),
			adaptive: item.settings.adaptiveConcurrency,
			signal: this.getExecutionCancelSignal(),
			bytes: item.imageBytes,
			budget: item.settings.imageMemoryBytes,
		};
		// Every execution and node that calls this API with this key shares one limiter.
		return await withKeySlot(await runLimiterKey(this), slot, async (reports) => {
			// The engine runs the response chain of the request data it handed us, whatever request
			// is then sent: the item's own steps go at its head.
			const answer = { maxBytes: item.settings.maxAnswerBytes };
			requestData.postReceive.unshift({
				data: { parameterValue: undefined },
				actions: attemptSteps(answer, reports),
			});
			const { options } = requestData;
			const { body, fields } = await encodeItemBody(this, item, options.body as IDataObject);
			// A request of its own: the engine keeps its requestData until the node ends, so the
			// encoded body (images included) must not be left in it. The answer comes unread, for
			// the first attempt step; the HTTP client's timeout (reset by every byte) stays as a
			// bound on an idle connection, and sendWithRetries sets the real deadline.
			const request = {
				...requestData,
				options: { ...options, body, timeout: item.deadline.ms, encoding: 'stream' as const },
			};
			const settings = item.settings;
			return await sendWithRetries(this, request, fields, settings, reports, answer, item.deadline);
		});
	};
}
