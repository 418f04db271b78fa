import type { IExecuteFunctions, IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * One input item of the batch node seen as Vision Chat sees its item, so the batch node builds
 * each request line with Vision Chat's own code (request/prepareItem.ts, request/itemBody.ts):
 * the parameters, the input item and its binary data, all for this item.
 */
export function itemContext(
	context: IExecuteFunctions,
	itemIndex: number,
): IExecuteSingleFunctions {
	const item = context.getInputData()[itemIndex];
	const single = {
		getNode: () => context.getNode(),
		getItemIndex: () => itemIndex,
		getInputData: () => item,
		getNodeParameter: (name: string, fallback?: unknown, options?: object) =>
			context.getNodeParameter(name, itemIndex, fallback, options),
		getExecutionId: () => context.getExecutionId(),
		getCredentials: async (type: string) => await context.getCredentials(type, itemIndex),
		evaluateExpression: (expression: string) => context.evaluateExpression(expression, itemIndex),
		helpers: {
			getBinaryDataBuffer: async (propertyName: string) =>
				await context.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		},
	};
	return single as unknown as IExecuteSingleFunctions;
}
