import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedItem } from '../core';
import { batchRequest, cancelBatch } from './batchApi';
import { batchIdParameter, namesBatchById, submittedBatchOf } from './batchItem';
import { batchObjectOf } from './providers';

/**
 * Cancel: each distinct batch the input items name (in the items from Submit, or by Batch ID)
 * is cancelled once; every item says which batch, its state, and whether anything was cancelled.
 * An item that names no batch is its own failure: nothing is sent for it.
 */
export async function cancel(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const outcomes = new Map<string, Promise<Outcome>>();
	const byId = namesBatchById(context);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = items[itemIndex].json;
		try {
			const id = byId
				? batchIdParameter(context, itemIndex)
				: submittedBatchOf(context.getNode(), input, itemIndex, 'id').id;
			if (!outcomes.has(id)) outcomes.set(id, cancelOnce(context, id));
			const outcome = await outcomes.get(id)!;
			output.push(
				'failure' in outcome
					? failedItem(context, outcome.failure, { itemIndex, input, includeInput: true })
					: { json: withOutcome(input, outcome.said), pairedItem: { item: itemIndex } },
			);
		} catch (error) {
			output.push(failedItem(context, error, { itemIndex, input, includeInput: true }));
		}
	}
	return output;
}

/** The input with what cancelling said now, in place of what an earlier step said (a Not Ready item). */
function withOutcome(input: IDataObject, said: IDataObject): IDataObject {
	const rest = { ...input };
	for (const key of ['note', 'cancelled', 'batchStatus']) delete rest[key];
	return { ...rest, ...said };
}

/** The states in which a batch has nothing left to cancel. */
const ENDED = ['completed', 'failed', 'expired', 'cancelled', 'cancelling'];

/** What cancelling one batch came to: what every item naming it says, or why it failed. */
type Outcome = { said: IDataObject } | { failure: unknown };

/**
 * One batch cancelled, or found ended already: a provider refuses to cancel a finished batch
 * (or answers with it as it is), and then the batch's state says why nothing was cancelled.
 */
async function cancelOnce(context: IExecuteFunctions, id: string): Promise<Outcome> {
	const asked = await cancelBatch(context, id).then(
		(body) => ({ status: batchObjectOf(body).status }),
		(failure: unknown) => ({ failure }),
	);
	if ('status' in asked) {
		const cancelled = asked.status === 'cancelling' || asked.status === 'cancelled';
		return { said: said(id, asked.status, cancelled) };
	}
	const now = await batchNow(context, id).catch(() => undefined);
	if (now === undefined || !ENDED.includes(now)) return asked;
	return { said: said(id, now, false) };
}

const said = (batchId: string, batchStatus: string, cancelled: boolean): IDataObject => ({
	batchId,
	cancelled,
	batchStatus,
	...(cancelled ? {} : { note: `already ${batchStatus}: nothing to cancel` }),
});

async function batchNow(context: IExecuteFunctions, id: string): Promise<string> {
	const { body } = await batchRequest(context, `Checking the batch ${id}`, {
		method: 'GET',
		url: `/batches/${encodeURIComponent(id)}`,
	});
	return batchObjectOf(body).status;
}
