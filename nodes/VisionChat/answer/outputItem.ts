import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { withInputFields } from '../../core/answer/items';

/**
 * An output item of the current input item: the answer's fields first, then the input's (where
 * the answer has no field of the same name) unless the user switched them off, the input's
 * binary data when asked to keep it, paired to the input item.
 */
export function outputItem(
	context: IExecuteSingleFunctions,
	json: IDataObject,
	options: IDataObject,
): INodeExecutionData {
	const input = context.getInputData();
	const withInput = includeInputFields(context, options.includeInputFields);
	return {
		json: withInput ? withInputFields(json, input.json) : json,
		...(options.keepBinary === true && input.binary ? { binary: input.binary } : {}),
		pairedItem: { item: context.getItemIndex() },
	};
}

/** Include Input Fields: version 1 left them out unless asked; from 1.1 in unless switched off. */
export function includeInputFields(
	context: IExecuteSingleFunctions,
	given: unknown = context.getNodeParameter('options.includeInputFields', null),
): boolean {
	return typeof given === 'boolean' ? given : context.getNode().typeVersion >= 1.1;
}
