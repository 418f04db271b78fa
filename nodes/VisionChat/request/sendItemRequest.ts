import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { readAnswer } from '../response/postReceive';
import { rateLimitReport } from '../response/rateLimitReport';
import { encodeItemBody } from './itemBody';
import { withKeySlot } from './keyLimiter';
import { prepareItem } from './prepareItem';
import { sendWithRetries } from './sendWithRetries';
import { maxConcurrency } from './settings';

/**
 * One item's way to the API. The engine calls it once per item, all at once, with the request
 * the routing built. The item is checked first; then it waits for a slot of its API key's limiter
 * (keyLimiter.ts), and only then reads its images, so images in memory are bounded by the slots.
 */
export async function sendItemRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const item = prepareItem(this);
	const credentials = await this.getCredentials('visionChatApi');
	// Every execution and node that calls this API with this key shares one limiter.
	const limiterKey = `${String(credentials.baseUrl ?? '')}\n${String(credentials.apiKey ?? '')}`;
	const slot = {
		execution: this.getExecutionId() ?? 'manual',
		ceiling: maxConcurrency(this),
		adaptive: item.settings.adaptiveConcurrency,
		signal: this.getExecutionCancelSignal(),
		bytes: item.imageBytes,
		budget: item.settings.imageMemoryBytes,
	};
	return await withKeySlot(limiterKey, slot, async (reports) => {
		// The engine runs the response chain of the request data it handed us, whatever request is
		// then sent: the reading of the answer within its limits, and the report of what it said
		// of the API's limits, join that chain ahead of the node's own steps.
		const answer = { maxBytes: item.settings.maxAnswerBytes };
		requestData.postReceive.unshift({
			data: { parameterValue: undefined },
			actions: [readAnswer(answer), rateLimitReport(reports.observe)],
		});
		const { options } = requestData;
		const { body, fields } = await encodeItemBody(this, item, options.body as IDataObject);
		const timeoutMs = item.timeoutMs ?? Number(options.timeout);
		// A request of its own: the engine keeps its requestData until the node ends, so the
		// encoded body (images included) must not be left in it. The answer comes unread, for
		// readAnswer; the HTTP client's timeout (reset by every byte) stays as a bound on an idle
		// connection, and sendWithRetries sets the real deadline.
		const request = {
			...requestData,
			options: { ...options, body, timeout: timeoutMs, encoding: 'stream' as const },
		};
		return await sendWithRetries(this, request, fields, item.settings, reports, answer, timeoutMs);
	});
}
