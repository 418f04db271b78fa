import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { AUTOMATIC_CONCURRENCY, REQUEST_OPTION_DEFAULTS } from '../../core/item/settings';
import type { SlotRequest } from '../limiter/keyLimiter';

type Ceilings = Pick<SlotRequest, 'ceiling' | 'ceilingWithHeaders'>;

/**
 * Max Concurrent Requests as the first item sees it, whichever item asks: an expression could give
 * each item another value, but the items share one limit.
 */
export function maxConcurrency(context: IExecuteSingleFunctions, adaptive: boolean): Ceilings {
	const { options, limits } = context.getNode().parameters as { [name: string]: IDataObject };
	const raw =
		limits?.maxConcurrency ?? options?.maxConcurrency ?? REQUEST_OPTION_DEFAULTS.maxConcurrency;
	const value =
		typeof raw === 'string' && raw.startsWith('=') ? context.evaluateExpression(raw, 0) : raw;
	return slotCeilings(Math.floor(Number(value)), adaptive);
}

/**
 * The ceilings of a request at Max Concurrent Requests `limit`. Below 1 it is automatic
 * (AUTOMATIC_CONCURRENCY); with Adaptive Concurrency off, automatic is the unstated ceiling:
 * nothing adapts it to headers.
 */
export function slotCeilings(limit: number, adaptive: boolean): Ceilings {
	if (Number.isFinite(limit) && limit >= 1) return { ceiling: limit };
	const { unstated, stated } = AUTOMATIC_CONCURRENCY;
	return adaptive ? { ceiling: unstated, ceilingWithHeaders: stated } : { ceiling: unstated };
}
