import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { failedItem } from '../../core/answer/errorItems';
import { includeInputFields } from './outputItem';

type ItemRequest = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

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
			return [
				failedItem(this, error, {
					itemIndex: this.getItemIndex(),
					input: this.getInputData().json,
					includeInput: includeInputFields(this),
				}),
			];
		}
	};
}
