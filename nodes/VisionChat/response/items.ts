import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * An output item of the current input item: its JSON after the input's fields when the user
 * asked for them, the input's binary data when asked to keep it, paired to the input item.
 */
export function outputItem(
	context: IExecuteSingleFunctions,
	json: IDataObject,
	{ keepBinary }: { keepBinary: boolean },
): INodeExecutionData {
	const input = context.getInputData();
	const includeInput = context.getNodeParameter('options.includeInputFields', false) as boolean;
	return {
		json: includeInput ? { ...input.json, ...json } : json,
		...(keepBinary && input.binary ? { binary: input.binary } : {}),
		pairedItem: { item: context.getItemIndex() },
	};
}
