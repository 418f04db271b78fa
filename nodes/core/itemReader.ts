import type {
	IExecuteFunctions,
	IGetNodeParameterOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

/**
 * The seam between the core and the two nodes: what reading, checking and encoding one item's
 * request needs of n8n, and nothing more. Vision Chat's item context (n8n's
 * IExecuteSingleFunctions) is one as it is; the batch node makes one per item with
 * `itemReaderOf`. A core function that needs more of n8n does not compile until this says so.
 */
export interface ItemReader {
	getNode(): INode;
	getItemIndex(): number;
	getInputData(): INodeExecutionData;
	getNodeParameter(name: string, fallback?: unknown, options?: IGetNodeParameterOptions): unknown;
	helpers: { getBinaryDataBuffer(propertyName: string): Promise<Buffer> };
}

/** One input item of a node that runs all its items at once (`execute()`), as an ItemReader. */
export function itemReaderOf(context: IExecuteFunctions, itemIndex: number): ItemReader {
	const item = context.getInputData()[itemIndex];
	return {
		getNode: () => context.getNode(),
		getItemIndex: () => itemIndex,
		getInputData: () => item,
		getNodeParameter: (name, fallback, options) =>
			context.getNodeParameter(name, itemIndex, fallback, options),
		helpers: {
			getBinaryDataBuffer: async (propertyName) =>
				await context.helpers.getBinaryDataBuffer(itemIndex, propertyName),
		},
	};
}
