import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { REQUEST_OPTION_DEFAULTS } from '../../core/item/settings';

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
