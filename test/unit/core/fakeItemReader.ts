import type { IBinaryKeyData, IDataObject, INode, INodeProperties } from 'n8n-workflow';

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
 * The body fields Vision Chat's parameters route for this item, as n8n's RoutingNode builds them
 * (and the batch node with descriptions/routedFields.ts).
 */
export function routedOf(reader: ItemReader): IDataObject {
	const { VisionChat } = require('../../../nodes/VisionChat/VisionChat.node');
	const { routedFields } = require('../../../nodes/core/descriptions/routedFields');
	return routedFields(new VisionChat().description.properties, (property: INodeProperties) =>
		reader.getNodeParameter(property.name, property.type === 'collection' ? {} : undefined, {
			extractValue: property.type === 'resourceLocator',
		}),
	);
}
