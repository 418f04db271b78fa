import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { modelId } from '../descriptions/model';
import { modelParameters } from '../descriptions/options';

/**
 * The body fields that Vision Chat's routing sends as they are (`routing.send` of its
 * descriptions): the model, and the model parameters the user added. The batch node, which has
 * no routing, sends the same fields for its lines.
 */
export function routedBodyFields(context: IExecuteSingleFunctions): IDataObject {
	const fields: IDataObject = { model: modelId(context) };
	const parameters = context.getNodeParameter('modelParameters', {}) as IDataObject;
	for (const parameter of modelParameters) {
		const property = parameter.routing?.send?.property;
		if (property && parameters[parameter.name] !== undefined) {
			fields[property] = parameters[parameter.name];
		}
	}
	return fields;
}
