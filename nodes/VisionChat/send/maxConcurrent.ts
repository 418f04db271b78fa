import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { AUTOMATIC_MAX_CONCURRENT, REQUEST_OPTION_DEFAULTS } from '../../core/item/settings';
import type { SlotRequest } from '../limiter/keyLimiter';

type MaxConcurrent = Pick<SlotRequest, 'maxConcurrent' | 'maxConcurrentWithHeaders'>;

/**
 * Max Concurrent Requests as the first item sees it, whichever item asks: an expression could give
 * each item another value, but the items share one limit.
 */
export function readMaxConcurrent(
	context: IExecuteSingleFunctions,
	adaptive: boolean,
): MaxConcurrent {
	const { options, limits } = context.getNode().parameters as { [name: string]: IDataObject };
	const raw =
		limits?.maxConcurrency ?? options?.maxConcurrency ?? REQUEST_OPTION_DEFAULTS.maxConcurrency;
	const value =
		typeof raw === 'string' && raw.startsWith('=') ? context.evaluateExpression(raw, 0) : raw;
	return maxConcurrentFor(Math.floor(Number(value)), adaptive);
}

/**
 * The ceilings of a request at Max Concurrent Requests `limit`. Below 1 it is automatic
 * (AUTOMATIC_MAX_CONCURRENT); with Adaptive Concurrency off, automatic is the unstated Max Concurrent Requests:
 * nothing adapts it to headers.
 */
export function maxConcurrentFor(limit: number, adaptive: boolean): MaxConcurrent {
	if (Number.isFinite(limit) && limit >= 1) return { maxConcurrent: limit };
	const { unstated, stated } = AUTOMATIC_MAX_CONCURRENT;
	return adaptive
		? { maxConcurrent: unstated, maxConcurrentWithHeaders: stated }
		: { maxConcurrent: unstated };
}
