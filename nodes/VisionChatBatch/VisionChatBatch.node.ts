import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchModels } from '../core';
import { cancel } from './cancel';
import { batchProperties } from './descriptions';
import { getResults } from './results';
import { submit } from './submit';
import { CREDENTIAL_TYPE } from '../../credentials/credentialType';

/**
 * Vision Chat's requests through the provider's Batch API, at the batch price: Submit sends every
 * item as one line of a batch file (built by Vision Chat's own code), Get Results pairs the
 * answers back to the items, Cancel stops the batches. A batch gathers every item into one file,
 * which an item-by-item declarative node cannot do: hence `execute()`.
 */
export class VisionChatBatch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vision Chat Batch',
		name: 'visionChatBatch',
		icon: { light: 'file:visionChatBatch.svg', dark: 'file:visionChatBatch.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"submit": "Submit", "getResults": "Get Results", "cancel": "Cancel"}[$parameter["operation"]] }}',
		description:
			'Send images and a prompt through an OpenAI-compatible Batch API at the batch price',
		defaults: { name: 'Vision Chat Batch' },
		// As an AI Agent's tool: Submit image URLs and return the batch ID; Get Results or Cancel
		// by that ID, in the same conversation or a later one.
		usableAsTool: {
			replacements: {
				description:
					'Submits image URLs and a question as a batch, answered within 24 hours at about half the price, and returns its batch ID; or, given a batch ID, returns its answers once done (or that it still runs). Call it for many images that need no answer now.',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		// Get Results alone has a Not Ready output.
		outputs: `={{ $parameter["operation"] === "getResults" ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Done" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Not Ready" }] : ["${NodeConnectionTypes.Main}"] }}`,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: batchProperties,
	};

	methods = {
		listSearch: { searchModels },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'getResults') return await getResults(this);
		if (operation === 'cancel') return [await cancel(this)];
		return [await submit(this)];
	}
}
