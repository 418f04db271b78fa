import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { JsonSchema } from '../core';
import { InputError, runsAsTool } from '../core';

/**
 * The batch node's item contract, in one place: Submit writes under `batch` where each item's
 * answer will be; Get Results and Cancel read it back, or fail that item clearly.
 */
export interface SubmittedBatch {
	/** The provider's batch ID. */
	id: string;
	/** The item's line in the batch. */
	customId: string;
	/** The Response Format the line asked for: JSON answers are parsed. */
	responseFormat: string;
	/** The schema its answer is checked against (Fields, JSON Example, JSON Schema). */
	schema?: JsonSchema;
	/** Whether the answer's fields are the item's (Fields, JSON Example). */
	columns?: boolean;
}

/** Pure: the item Submit outputs, its input's fields and where its answer will be. */
export function withSubmittedBatch(input: IDataObject, batch: SubmittedBatch): IDataObject {
	return { ...input, batch: { ...batch } };
}

/**
 * The batch an item names: the whole of it when its answer is to be paired back (Get Results),
 * only its ID otherwise (Cancel). An item that names none is that item's error, not a request.
 */
export function submittedBatchOf(
	node: INode,
	json: IDataObject,
	itemIndex: number,
	needs: 'answer' | 'id',
): SubmittedBatch {
	const batch = (json.batch ?? {}) as Partial<SubmittedBatch>;
	const id = typeof batch.id === 'string' ? batch.id.trim() : '';
	const customId = typeof batch.customId === 'string' ? batch.customId : '';
	if (id === '' || (needs === 'answer' && customId === '')) {
		const error = new InputError(node, itemIndex, {
			field: 'batch',
			message: `the item has no ${id === '' ? 'batch ID' : 'custom ID'} under "batch": connect the output of Submit`,
		});
		error.description =
			needs === 'answer'
				? 'Get Results pairs answers back by the field "batch" that Submit adds to each item. To collect a batch submitted elsewhere, set Batch From to Batch ID.'
				: 'Cancel reads the batch ID from the field "batch" that Submit adds to each item. Nothing was sent for this item.';
		throw error;
	}
	return {
		id,
		customId,
		responseFormat: String(batch.responseFormat ?? 'text'),
		...(typeof batch.schema === 'object' && batch.schema !== null ? { schema: batch.schema } : {}),
		...(batch.columns === true ? { columns: true } : {}),
	};
}

/**
 * Whether Get Results and Cancel find their batch by the Batch ID parameter, not in the items;
 * an AI Agent's tool always does: its model gives the ID, no item names one.
 */
export function namesBatchById(context: IExecuteFunctions): boolean {
	return runsAsTool(context) || context.getNodeParameter('batchFrom', 0, 'items') === 'batchId';
}

/** The Batch ID parameter for an item, or that item's error when it is empty. */
export function batchIdParameter(context: IExecuteFunctions, itemIndex: number): string {
	const id = String(context.getNodeParameter('batchId', itemIndex, '') ?? '').trim();
	if (id === '') {
		throw new InputError(context.getNode(), itemIndex, {
			field: 'Batch ID',
			message: 'is empty: give the ID Submit returned (batch.id), e.g. from a Data Table',
		});
	}
	return id;
}
