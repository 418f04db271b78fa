import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteSingleFunctions } from 'n8n-workflow';

/** Bad input found by a pure check: which field, and what is wrong with it. */
export class InputProblem extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

/** The node error a user sees for bad input: it names the item and the field. */
export function itemInputError(
	context: IExecuteSingleFunctions,
	problem: InputProblem | { field: string; message: string },
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: ${problem.field}: ${problem.message}`,
		{ itemIndex, description: `Nothing was sent for item ${itemIndex}.` },
	);
}

/** Runs a pure check and turns its InputProblem into the item's node error. */
export function checked<T>(context: IExecuteSingleFunctions, check: () => T): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof InputProblem) throw itemInputError(context, error);
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: context.getItemIndex() });
	}
}
