import type { IBinaryKeyData, IDataObject, INode } from 'n8n-workflow';

import type { ItemParts } from '../../../nodes/core/item/itemParts';
import type { ItemReader } from '../../../nodes/core/itemReader';

/**
 * An item as the core reads it, without n8n: the node's saved parameters (an expression is a
 * string starting with "=", as n8n saves it) and the values they have for this item.
 */
export function fakeItemReader(item: {
	values?: IDataObject;
	saved?: IDataObject;
	json?: IDataObject;
	binary?: IBinaryKeyData;
	files?: Record<string, Buffer>;
	itemIndex?: number;
	typeVersion?: number;
}): ItemReader {
	const values = item.values ?? {};
	const node = {
		name: 'Vision Chat',
		type: 'n8n-nodes-vision-chat.visionChat',
		typeVersion: item.typeVersion ?? 1.1,
		parameters: item.saved ?? values,
	} as unknown as INode;
	const valueOf = (name: string): unknown =>
		name
			.split('.')
			.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], values);
	return {
		getNode: () => node,
		getItemIndex: () => item.itemIndex ?? 0,
		getInputData: () => ({ json: item.json ?? {}, binary: item.binary }),
		getNodeParameter: (name, fallback, options) => {
			const value = valueOf(name);
			if (value === undefined) return fallback;
			if (options?.extractValue && typeof value === 'object' && value !== null) {
				return (value as IDataObject).value;
			}
			return value;
		},
		helpers: {
			getBinaryDataBuffer: async (propertyName) => {
				const file = item.files?.[propertyName];
				if (!file) throw new Error(`no binary "${propertyName}"`);
				return file;
			},
		},
	};
}

/**
 * The item's request as n8n's RoutingNode builds it from Vision Chat's parameters (their routed
 * fields, then their preSends), with what the preSends noted; the batch node builds it the same way.
 */
export function routedOf(reader: ItemReader): { body: IDataObject; parts: ItemParts } {
	const { VisionChat } = require('../../../nodes/VisionChat/VisionChat.node');
	const { routedRequest } = require('../../../nodes/core/routing/routedFields');
	return routedRequest(new VisionChat().description.properties, reader);
}
