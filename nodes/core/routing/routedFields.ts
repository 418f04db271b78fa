import { NodeHelpers } from 'n8n-workflow';
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { itemParts } from '../item/itemParts';
import type { ItemParts } from '../item/itemParts';
import { bodyStepOf, runBodyStep } from './bodyStep';

/** The body field a parameter's routing puts it in, if any. */
export function routedBodyField(property: INodeProperties): string | undefined {
	const send = property.routing?.send;
	return send?.type === 'body' ? send.property : undefined;
}

/** The parameters the display options of `properties` depend on, with the item's values. */
function displayValues(properties: INodeProperties[], item: ItemReader): INodeParameters {
	const values: INodeParameters = {};
	for (const property of properties) {
		const { show = {}, hide = {} } = property.displayOptions ?? {};
		for (const name of [...Object.keys(show), ...Object.keys(hide)]) {
			if (/^[@/]/.test(name) || name in values) continue;
			const shown = properties.find((other) => other.name === name);
			values[name] = item.getNodeParameter(name, shown?.default) as INodeParameters[string];
		}
	}
	return values;
}

/**
 * An item's request body as n8n's RoutingNode builds it for Vision Chat, for a node that builds
 * its requests itself (the batch node): of the parameters shown, each routed one (`routing.send`,
 * type body) and each routed option of a collection the user added goes into its field; then
 * each shown parameter's preSend runs, in the order of the description. So a parameter given a
 * routing reaches both nodes.
 */
export function routedRequest(
	properties: INodeProperties[],
	item: ItemReader,
): { body: IDataObject; parts: ItemParts } {
	const values = displayValues(properties, item);
	const node = item.getNode();
	const shown = properties.filter((property) =>
		NodeHelpers.displayParameter(values, property, node, null),
	);
	const request = { body: {} as IDataObject };
	const preSends: unknown[] = [];
	const hasRouting = (property: INodeProperties) => property.routing?.send !== undefined;
	for (const property of shown) {
		const options = property.type === 'collection' ? (property.options as INodeProperties[]) : [];
		if (!hasRouting(property) && !options.some(hasRouting)) continue;
		const value = item.getNodeParameter(property.name, options.length > 0 ? {} : undefined, {
			extractValue: property.type === 'resourceLocator',
		});
		const field = routedBodyField(property);
		if (field) request.body[field] = value as IDataObject[string];
		preSends.push(...(property.routing?.send?.preSend ?? []));
		for (const option of options) {
			if (!(option.name in (value as IDataObject))) continue;
			const optionField = routedBodyField(option);
			if (optionField) request.body[optionField] = (value as IDataObject)[option.name];
			preSends.push(...(option.routing?.send?.preSend ?? []));
		}
	}
	for (const preSend of preSends) {
		const step = bodyStepOf(preSend);
		if (step) runBodyStep(step, item, request);
	}
	return { body: request.body, parts: itemParts(request) };
}
