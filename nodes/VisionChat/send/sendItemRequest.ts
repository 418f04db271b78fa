import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { apiBaseUrl } from '../../../credentials/baseUrl';
import { withKeySlot } from '../limiter/registry';
import type { SlotReports } from '../limiter/registry';
import type { ItemSent } from '../answer/completionSteps';
import type { AnswerLimits } from '../../core/answer/boundedBody';
import { bodyWithFields, encodeItemBody } from '../../core/body/itemBody';
import { checkDeclaredDocuments } from '../../core/body/documentParts';
import { forItem } from '../../core/errors/itemErrors';
import { itemParts } from '../../core/item/itemParts';
import { prepareItem } from '../../core/item/prepareItem';
import { runCredentials } from './runCredentials';
import { sendAttempt } from './sendAttempt';
import type { AnswerStep } from './sendAttempt';
import { sendWithRetries } from './sendWithRetries';
import type { SendTry } from './sendWithRetries';
import { readMaxConcurrent } from './maxConcurrent';
import { itemOfRun } from './runStop';
import type { ItemOfRun } from './runStop';

/**
 * The steps that read one item's answers: they need its limits, its slot and the credential it
 * is sent with (see routing.ts).
 */
export type StepsForAnswer = (
	answer: AnswerLimits,
	reports: SlotReports,
	credential: ICredentialDataDecryptedObject,
	sent: ItemSent,
) => AnswerStep[];

/**
 * One item's way to the API. The engine calls it once per item, all at once, with the request
 * the routing built. The item is checked first; then it waits for a slot of its API key's limiter
 * (limiter/), and only then reads its images, so images in memory are bounded by the slots.
 */
export function sendItemRequest(answerSteps: StepsForAnswer) {
	return async function sendOneItem(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const run = itemOfRun(this);
		try {
			return await sendCheckedItem.call(this, requestData, run);
		} catch (error) {
			throw run ? run.failed(error) : error;
		}
	};

	/** The item checked, then sent in a slot of its key's limiter. */
	async function sendCheckedItem(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
		run: ItemOfRun | undefined,
	): Promise<INodeExecutionData[]> {
		// The body the parameters' routing built, and what its preSends noted (../core/routing/).
		const { options } = requestData;
		const item = prepareItem(this, {
			body: options.body as IDataObject,
			parts: itemParts(options),
		});
		const credentials = await runCredentials(this);
		const credential = credentials.decrypted.data ?? {};
		const baseUrl = apiBaseUrl(credential.baseUrl);
		const binary = this.getInputData().binary;
		forItem(this, () => checkDeclaredDocuments(item.sources, binary, baseUrl, item.documents));
		const slot = {
			execution: this.getExecutionId() ?? 'manual',
			...readMaxConcurrent(this, item.settings.adaptiveConcurrency),
			adaptive: item.settings.adaptiveConcurrency,
			signal: run?.signal ?? this.getExecutionCancelSignal(),
			bytes: item.imageBytes,
			budget: item.settings.imageMemoryBytes,
		};
		// The item in its slot: its body built (its images read only now), sent and retried.
		const sendInSlot = async (reports: SlotReports): Promise<INodeExecutionData[]> => {
			const encoded = await encodeItemBody(this, item, { baseUrl });
			const sent: ItemSent = {
				imageUrls: item.sendsImageUrls,
				documents: encoded.documents > 0,
				answerFormat: item.answerFormat,
				model: String(item.bodyFields.model ?? ''),
				choices: Number(item.bodyFields.n ?? 1),
				options: item.options,
			};
			// The engine keeps its requestData until the node ends, so the encoded body (images
			// included) goes only into this request, built as n8n's routing builds its own (the url
			// from requestDefaults). The answer comes unread, for the first answer step; the HTTP
			// client's timeout (reset by every byte) stays as a bound on an idle connection, and
			// sendWithRetries sets the real deadline.
			const request = {
				...options,
				body: encoded.body,
				timeout: item.deadline.ms,
				encoding: 'stream',
			} as IHttpRequestOptions;
			const sendTry: SendTry = async (tried, signal, earlierUsage) => {
				const limits = { maxBytes: item.settings.maxAnswerBytes, signal };
				const steps = answerSteps(limits, reports, credential, { ...sent, earlierUsage });
				return await sendAttempt(this, tried, credentials.decrypted, steps);
			};
			const { settings, deadline } = item;
			return await sendWithRetries(this, sendTry, {
				request,
				encoded,
				bodyWith: async (current, changed) => await bodyWithFields(this, item, current, changed),
				settings,
				deadline,
				slot: reports,
				run,
			});
		};
		// Every execution and node that calls this API with this key shares one limiter.
		return await withKeySlot(credentials.limiterKey, slot, async (reports) => {
			try {
				return await sendInSlot(reports);
			} catch (error) {
				// The run learns of a failure before the slot is given back: no waiting item of it
				// takes the slot (ensureGoing would stop that one too, but only after it read its images).
				throw run ? run.failed(error) : error;
			}
		});
	}
}
