import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { cancelBatch } from './batchApi';
import { batchObjectOf } from './providers';

/** Cancel: each distinct batch of the input items is cancelled once; the items pass with its state. */
export async function cancel(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const states = new Map<string, Promise<string>>();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const id = String(((items[itemIndex].json.batch ?? {}) as IDataObject).id ?? '');
		if (!states.has(id)) {
			states.set(
				id,
				cancelBatch(context, id).then((body) => batchObjectOf(body).status),
			);
		}
		const batchStatus = await states.get(id)!;
		output.push({
			json: { ...items[itemIndex].json, batchStatus },
			pairedItem: { item: itemIndex },
		});
	}
	return output;
}
