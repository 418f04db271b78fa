import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { MAX_ANSWER_MB_DEFAULT } from '../response/boundedBody';

/** The request-handling options when the user did not add them (also the defaults the editor shows). */
export const REQUEST_OPTION_DEFAULTS = {
	adaptiveConcurrency: true,
	imageMemoryMb: 256,
	maxAnswerSizeMb: MAX_ANSWER_MB_DEFAULT,
	maxConcurrency: 50,
	maxImageSizeMb: 20,
	maxRetries: 2,
	maxRetryWait: 60,
	timeout: 180,
};

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
	/** The most decoded bytes one answer may have (Max Answer Size). */
	maxAnswerBytes: number;
}

/** One item's request-handling options, in the units the request loop uses. */
export function readRequestSettings(context: IExecuteSingleFunctions): RequestSettings {
	const options = {
		...REQUEST_OPTION_DEFAULTS,
		...(context.getNodeParameter('options', {}) as IDataObject),
		...(context.getNodeParameter('limits', {}) as IDataObject),
	};
	return {
		adaptiveConcurrency: options.adaptiveConcurrency !== false,
		imageMemoryBytes: Number(options.imageMemoryMb) * 1024 * 1024,
		maxRetries: Number(options.maxRetries),
		maxRetryWaitMs: Number(options.maxRetryWait) * 1000,
		timeoutMs: Number(options.timeout) * 1000,
		maxImageBytes: Number(options.maxImageSizeMb) * 1024 * 1024,
		maxAnswerBytes: Number(options.maxAnswerSizeMb) * 1024 * 1024,
	};
}

/**
 * Max Concurrent Requests as the first item sees it, whichever item asks: an expression could give
 * each item another value, but the items share one limit.
 */
export function maxConcurrency(context: IExecuteSingleFunctions): number {
	const { options, limits } = context.getNode().parameters as { [name: string]: IDataObject };
	const raw =
		limits?.maxConcurrency ?? options?.maxConcurrency ?? REQUEST_OPTION_DEFAULTS.maxConcurrency;
	const value =
		typeof raw === 'string' && raw.startsWith('=') ? context.evaluateExpression(raw, 0) : raw;
	const limit = Math.floor(Number(value));
	return Number.isFinite(limit) && limit >= 1 ? limit : REQUEST_OPTION_DEFAULTS.maxConcurrency;
}
