import type { IDataObject } from 'n8n-workflow';

import { gatewayAt } from './gateways';

/**
 * Pure: the body's fields as the gateway at this Base URL takes them: where it is known to take
 * no json_schema, JSON Object (or no response_format), so that the schema goes in the messages
 * (answerInstruction.ts); and what the output item says of it.
 */
export function fieldsForGateway(
	fields: IDataObject,
	baseUrl: string | undefined,
): { fields: IDataObject; notices: string[] } {
	const format = fields.response_format as IDataObject | undefined;
	const { schemaAs } = gatewayAt(baseUrl);
	if (format?.type !== 'json_schema' || !schemaAs) return { fields, notices: [] };
	const rest = { ...fields };
	delete rest.response_format;
	const changed =
		schemaAs === 'json_object' ? { ...rest, response_format: { type: 'json_object' } } : rest;
	const how = schemaAs === 'json_object' ? 'JSON Object' : 'text';
	return {
		fields: changed,
		notices: [
			`This API takes no json_schema: the answer was asked for as ${how}, with the schema in the system message, and checked against it.`,
		],
	};
}
