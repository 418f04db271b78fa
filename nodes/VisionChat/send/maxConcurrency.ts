import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { AUTOMATIC_CONCURRENCY, REQUEST_OPTION_DEFAULTS } from '../../core/item/settings';
import type { SlotRequest } from '../limiter/slot';

/**
 * Max Concurrent Requests as the first item sees it, whichever item asks: an expression could give
 * each item another value, but the items share one limit. 0 is automatic (AUTOMATIC_CONCURRENCY);
 * with Adaptive Concurrency off, automatic is the unstated ceiling: nothing adapts it to headers.
 */
export function maxConcurrency(
	context: IExecuteSingleFunctions,
	adaptive: boolean,
): Pick<SlotRequest, 'ceiling' | 'ceilingWithHeaders'> {
	const { options, limits } = context.getNode().parameters as { [name: string]: IDataObject };
	const raw =
		limits?.maxConcurrency ?? options?.maxConcurrency ?? REQUEST_OPTION_DEFAULTS.maxConcurrency;
	const value =
		typeof raw === 'string' && raw.startsWith('=') ? context.evaluateExpression(raw, 0) : raw;
	const limit = Math.floor(Number(value));
	if (Number.isFinite(limit) && limit >= 1) return { ceiling: limit };
	const { unstated, stated } = AUTOMATIC_CONCURRENCY;
	return adaptive ? { ceiling: unstated, ceilingWithHeaders: stated } : { ceiling: unstated };
}
