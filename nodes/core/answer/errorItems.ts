import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { ErrorReport } from '../errors/nodeErrors';
import { withInputFields } from './items';

/**
 * Pure: what a failed item tells a workflow: the message (with its item label) under `error`, as
 * n8n users expect, and beside it what lets a workflow filter failures and retry them.
 */
export function errorItemJson(error: unknown): IDataObject {
	const { message, description, report } = error as {
		message?: string;
		description?: string | null;
		report?: ErrorReport;
	};
	const details = Object.entries(report ?? { status: null }).filter(
		([, value]) => value !== undefined,
	);
	return {
		error: message || String(error),
		...Object.fromEntries(details),
		hint: description ?? null,
	};
}

/** Where a failed item goes when the node continues on error, and what it keeps of its input. */
export interface ErrorItemPlace {
	itemIndex: number;
	input: IDataObject;
	/** On Error > Continue (using error output). */
	errorOutput: boolean;
	/** Include Input Fields, for the regular output (n8n adds them itself on the error output). */
	includeInput: boolean;
}

/**
 * The output item of a failed input item, for either way of continuing on error.
 *
 * n8n sends an item to the error output only when its JSON holds nothing but `error` and
 * `message` (2.x also `details`), or when it carries a node error, whose JSON n8n then replaces
 * by the message alone. So on the error output the JSON is the message and the hint, and n8n puts
 * the input's fields under them itself (n8n-core `handleNodeErrorOutput`, 1.x and 2.x): one field
 * more, such as the input's, and n8n took the failed item for an answer.
 */
export function errorItem(error: unknown, place: ErrorItemPlace): INodeExecutionData {
	const pairedItem = { item: place.itemIndex };
	const json = errorItemJson(error);
	if (place.errorOutput) {
		return {
			json: json.hint ? { error: json.error, message: json.hint } : { error: json.error },
			pairedItem,
		};
	}
	return { json: place.includeInput ? withInputFields(json, place.input) : json, pairedItem };
}

/**
 * A failure as n8n shows a node's error. The node's own errors are built from the API's answer
 * only; anything else keeps only its message, since n8n stores an item's error with its cause.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const { message, description } = error as { message?: string; description?: string };
	return new NodeOperationError(node, message || String(error), {
		itemIndex,
		...(description ? { description } : {}),
	});
}

/** What decides how a failed item is told: the node and its On Error setting. */
interface OnError {
	continueOnFail(): boolean;
	getNode(): INode;
}

/**
 * A failed item as the node's On Error setting wants it: at Stop Workflow, thrown as n8n shows a
 * node's error; with Continue, its error item (on the error output where chosen).
 */
export function failedItem(
	context: OnError,
	error: unknown,
	place: Omit<ErrorItemPlace, 'errorOutput'>,
): INodeExecutionData {
	if (!context.continueOnFail()) throw asNodeError(context.getNode(), error, place.itemIndex);
	return errorItem(error, {
		...place,
		errorOutput: context.getNode().onError === 'continueErrorOutput',
	});
}
