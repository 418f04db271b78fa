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
	const outcomes = new Map<string, Promise<IDataObject>>();
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
			output.push({ json: { ...outcome, ...input }, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(failedItem(context, error, { itemIndex, input, includeInput: true }));
		}
	}
	return output;
}

/** The states in which a batch has nothing left to cancel. */
const ENDED = ['completed', 'failed', 'expired', 'cancelled', 'cancelling'];

/**
 * One batch cancelled, or found ended already: a provider refuses to cancel a finished batch
 * (or answers with it as it is), and then the batch's state says why nothing was cancelled.
 */
async function cancelOnce(context: IExecuteFunctions, id: string): Promise<IDataObject> {
	let status: string;
	let cancelled: boolean;
	try {
		status = batchObjectOf(await cancelBatch(context, id)).status;
		cancelled = status === 'cancelling' || status === 'cancelled';
	} catch (error) {
		const now = await batchNow(context, id).catch(() => undefined);
		if (now === undefined || !ENDED.includes(now)) throw error;
		status = now;
		cancelled = false;
	}
	return {
		batchId: id,
		cancelled,
		batchStatus: status,
		...(cancelled ? {} : { note: `already ${status}: nothing to cancel` }),
	};
}

async function batchNow(context: IExecuteFunctions, id: string): Promise<string> {
	const { body } = await batchRequest(context, `Checking the batch ${id}`, {
		method: 'GET',
		url: `/batches/${encodeURIComponent(id)}`,
	});
	return batchObjectOf(body).status;
}
