import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { FailureReport } from '../failures/itemErrors';
import { outputItem } from './items';

type ItemRequest = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * Pure: what a failed item outputs when the node continues on error: the message (with its item
 * label) under `error`, as n8n users expect, and beside it what lets a workflow filter failures
 * and retry them. n8n's error output takes only `error` and `message` (it adds the input's
 * fields itself), so there the hint goes in `message`.
 */
export function errorItemJson(error: unknown, forErrorOutput: boolean): IDataObject {
	const { message, description, report } = error as {
		message?: string;
		description?: string | null;
		report?: FailureReport;
	};
	const text = message || String(error);
	if (forErrorOutput) return description ? { error: text, message: description } : { error: text };
	const details = Object.entries(report ?? { status: null }).filter(
		([, value]) => value !== undefined,
	);
	return { error: text, ...Object.fromEntries(details), hint: description ?? null };
}

/**
 * The item's request, whose failure becomes the item's error item when the node is set to
 * continue on error (also as an AI Agent's tool: the agent's model reads the error there).
 * Otherwise the failure stops the node.
 */
export function withErrorItems(sendItem: ItemRequest): ItemRequest {
	return async function sendOrReportItem(this, requestData) {
		try {
			return await sendItem.call(this, requestData);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error);
			const forErrorOutput = this.getNode().onError === 'continueErrorOutput';
			return [outputItem(this, errorItemJson(error, forErrorOutput), { keepBinary: false })];
		}
	};
}

function asNodeError(context: IExecutePaginationFunctions, error: unknown): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, {
		itemIndex: context.getItemIndex(),
	});
}
