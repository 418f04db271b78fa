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
	/**
	 * The schema its answer is checked against, where the line's body does not hold it (a
	 * provider that takes JSON Object only; items of earlier versions always carry it). Otherwise
	 * Get Results reads it from the batch's input file, not from a copy in every item.
	 */
	schema?: JsonSchema;
	/** Whether the answer's fields are the item's (Fields, JSON Example). */
	columns?: boolean;
}

/** How Get Results reads a line's answer: the part of the item contract Submit knows per line. */
export type LineAnswer = Pick<SubmittedBatch, 'responseFormat' | 'columns' | 'schema'>;

/** The batch's metadata that says how its lines' answers are read (see createBatch.ts). */
export const FORMAT_KEY = 'vision_chat_format';
export const COLUMNS_KEY = 'vision_chat_columns';
/** Whether a line carries its schema in its system message, not its response_format. */
export const SCHEMA_IN_MESSAGE_KEY = 'vision_chat_schema_in_message';

/** The Response Formats whose answers are checked against a schema (read from the input file). */
export const SCHEMA_FORMATS = ['fields', 'json_example', 'json_schema'];

/** Pure: the item Submit outputs: where its answer will be (the batch ID first), then its input. */
export function withSubmittedBatch(input: IDataObject, batch: SubmittedBatch): IDataObject {
	const output: IDataObject = { batch: { ...batch } };
	for (const [field, value] of Object.entries(input)) if (field !== 'batch') output[field] = value;
	return output;
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

/**
 * The Custom ID of an item's line, which names its row in Get Results: the user's (an order
 * number, a row ID), else the item's position and the name of its file: "3-receipt.jpg".
 */
export function customIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const given = String(context.getNodeParameter('options.customId', itemIndex, '') ?? '').trim();
	if (given !== '') return given;
	const binary = context.getInputData()[itemIndex].binary ?? {};
	const fileName = Object.values(binary).find((data) => data.fileName)?.fileName;
	return fileName ? `${itemIndex}-${fileName}` : `item-${itemIndex}`;
}
