import type { IDataObject } from 'n8n-workflow';

import { MOST_CONCURRENT_REQUESTS } from '../descriptions/limits';
import type { ItemReader } from '../itemReader';
/** The request-handling options when the user did not add them (also the defaults the editor shows). */
export const REQUEST_OPTION_DEFAULTS = {
	adaptiveConcurrency: true,
	imageMemoryMb: 256,
	// The largest real chat answer is a streamed one at the longest output a model gives (128k
	// tokens): about 230 bytes of event per token, 30 MB. 64 MB holds two such answers; no chat
	// answer comes near it, so passing it means something else.
	maxAnswerSizeMb: 64,
	// 0: automatic (AUTOMATIC_CONCURRENCY).
	maxConcurrency: 0,
	// OpenAI's limit for the files of one request (its PDF guide): 32 MB.
	maxDocumentSizeMb: 32,
	maxImageSizeMb: 20,
	maxRetries: 2,
	maxRetryWait: 60,
	timeout: 180,
};

/**
 * Max Concurrent Requests 0 (its default) is automatic: at most `unstated` requests at once
 * while the API states no limits, and where its rate-limit headers leave room, up to `stated`
 * (the most the setting takes). Without headers, above 50 the slow start gains at most one round
 * while every open request holds its image; an API that states 30,000 requests a minute has
 * said that 200 are welcome.
 */
export const AUTOMATIC_CONCURRENCY = { unstated: 50, stated: MOST_CONCURRENT_REQUESTS };

/** How long one attempt may take, from the request's start to the answer's last byte. */
export interface Deadline {
	ms: number;
	/** The setting that set it, as the editor names it. */
	setting: string;
}

export interface RequestSettings {
	/** Whether the key's limiter adapts its concurrency to the API (Adaptive Concurrency). */
	adaptiveConcurrency: boolean;
	/** The most binary image bytes the key's requests hold in memory at once. */
	imageMemoryBytes: number;
	maxRetries: number;
	maxRetryWaitMs: number;
	timeoutMs: number;
	maxImageBytes: number;
	/** The largest binary PDF an item may send (Max Document Size). */
	maxDocumentBytes: number;
	/** The most decoded bytes one answer may have (Max Answer Size). */
	maxAnswerBytes: number;
}

/** One item's request-handling options, in the units the request loop uses. */
export function readRequestSettings(context: ItemReader): RequestSettings {
	return requestSettings(
		context.getNodeParameter('options', {}) as IDataObject,
		context.getNodeParameter('limits', {}) as IDataObject,
	);
}

/** Pure: Options and Limits (version 1 kept the limits among the options) as settings. */
export function requestSettings(options: IDataObject, limits: IDataObject): RequestSettings {
	const set = { ...REQUEST_OPTION_DEFAULTS, ...options, ...limits };
	return {
		adaptiveConcurrency: set.adaptiveConcurrency !== false,
		imageMemoryBytes: Number(set.imageMemoryMb) * 1024 * 1024,
		maxRetries: Number(set.maxRetries),
		maxRetryWaitMs: Number(set.maxRetryWait) * 1000,
		timeoutMs: Number(set.timeout) * 1000,
		maxImageBytes: Number(set.maxImageSizeMb) * 1024 * 1024,
		maxDocumentBytes: Number(set.maxDocumentSizeMb) * 1024 * 1024,
		maxAnswerBytes: Number(set.maxAnswerSizeMb) * 1024 * 1024,
	};
}
