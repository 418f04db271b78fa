import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedItem } from '../core';
import { cancelBatch } from './batchApi';
import { batchIdParameter, namesBatchById, submittedBatchOf } from './batchItem';
import { batchObjectOf } from './providers';

/**
 * Cancel: each distinct batch the input items name (in the items from Submit, or by Batch ID)
 * is cancelled once; the items pass with its state. An item that names no batch is its own
 * failure: nothing is sent for it.
 */
export async function cancel(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const states = new Map<string, Promise<string>>();
	const byId = namesBatchById(context);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = items[itemIndex].json;
		try {
			const id = byId
				? batchIdParameter(context, itemIndex)
				: submittedBatchOf(context.getNode(), input, itemIndex, 'id').id;
			if (!states.has(id)) {
				states.set(
					id,
					cancelBatch(context, id).then((body) => batchObjectOf(body).status),
				);
			}
			const batchStatus = await states.get(id)!;
			output.push({
				json: { ...input, batchStatus } as IDataObject,
				pairedItem: { item: itemIndex },
			});
		} catch (error) {
			output.push(failedItem(context, error, { itemIndex, input, includeInput: true }));
		}
	}
	return output;
}
