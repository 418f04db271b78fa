import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The body field a parameter's routing puts it in, if any. */
export function routedBodyField(property: INodeProperties): string | undefined {
	const send = property.routing?.send;
	return send?.type === 'body' ? send.property : undefined;
}

/**
 * Pure: the body fields the descriptions route (`routing.send`, type body) as n8n's RoutingNode
 * builds them for Vision Chat: each routed parameter, and each routed option of a collection the
 * user added. The batch node, which builds its lines itself, reads its parameters this way, so a
 * parameter given a routing reaches both nodes.
 */
export function routedFields(
	properties: INodeProperties[],
	read: (property: INodeProperties) => unknown,
): IDataObject {
	const body: IDataObject = {};
	for (const property of properties) {
		const field = routedBodyField(property);
		if (field) body[field] = read(property) as IDataObject[string];
		const options = property.type === 'collection' ? (property.options as INodeProperties[]) : [];
		if (!options.some((option) => routedBodyField(option))) continue;
		const values = (read(property) ?? {}) as IDataObject;
		for (const option of options) {
			const optionField = routedBodyField(option);
			if (optionField && option.name in values) body[optionField] = values[option.name];
		}
	}
	return body;
}
