import type { IDataObject } from 'n8n-workflow';

import { HIGHEST_MAX_CONCURRENT, limitOptions } from '../descriptions/limits';
import { requestOptions } from '../descriptions/options';

/** The request-handling options when the user did not add them: the defaults the editor shows. */
export const REQUEST_OPTION_DEFAULTS: IDataObject = Object.fromEntries(
	[...requestOptions, ...limitOptions].map((option) => [option.name, option.default]),
);

/**
 * Max Concurrent Requests 0 (its default) is automatic: at most `unstated` requests at once
 * while the API states no limits, and where its rate-limit headers leave room, up to `stated`
 * (the most the setting takes). Without headers, above 50 the slow start gains at most one round
 * while every open request holds its image; an API that states 30,000 requests a minute has
 * said that 200 are welcome.
 */
export const AUTOMATIC_MAX_CONCURRENT = { unstated: 50, stated: HIGHEST_MAX_CONCURRENT };

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
