import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import type { AnswerFormat } from './answerFormat';
import { routedBodyField } from '../descriptions/routedFields';
import { checkParameter } from '../errors/problems';
import { adaptedBeforeSending } from '../errors/quirks';
import { modelParameters } from '../descriptions/modelParameters';
import { nodeOptions } from '../descriptions/options';
import { parseLogitBias } from '../parameters/logitBias';
import { checkRange } from '../parameters/numberRanges';
import { checkStopSequences } from '../parameters/stopSequences';

/**
 * Expressions bypass the editor's own limits: every number the user set in a collection is
 * checked against the minValue and maxValue its field declares.
 */
function checkNumbers(collection: string, values: IDataObject, fields: INodeProperties[]): void {
	for (const field of fields) {
		if (field.type !== 'number' || values[field.name] === undefined) continue;
		checkParameter(`${collection}.${field.name}`, () =>
			checkRange(
				field.displayName,
				values[field.name],
				field.typeOptions?.minValue,
				field.typeOptions?.maxValue,
			),
		);
	}
}

/** The number fields that go first, in this order, each checked against its parameter's range. */
const NUMBERS = ['frequency_penalty', 'n', 'presence_penalty', 'seed', 'temperature', 'top_p'];

/** The routed fields placed below one by one; any other routed field goes as it is. */
const HANDLED = new Set([
	...NUMBERS,
	'model',
	'logit_bias',
	'stop',
	'max_tokens',
	'user',
	'stream',
]);

/** The model parameter routed into `field` (Logit Bias: logit_bias), to check its value. */
const parameterOf = (field: string) =>
	modelParameters.find((parameter) => routedBodyField(parameter) === field);

/** A routed value checked as its parameter says: a number within its range, anything else as it is. */
function checked(field: string, value: unknown): IDataObject[string] {
	const parameter = parameterOf(field);
	if (parameter?.type !== 'number') return value as IDataObject[string];
	return checkParameter(`modelParameters.${parameter.name}`, () =>
		checkRange(
			parameter.displayName,
			value,
			parameter.typeOptions?.minValue,
			parameter.typeOptions?.maxValue,
		),
	);
}

/**
 * Every field of one item's request body but its messages, checked (throws an InputProblem):
 * the model, the model parameters the user added and Stream as their routing put them into
 * `routed` (n8n's RoutingNode for Vision Chat, descriptions/routedFields.ts for a batch line), the
 * response format (read with the item: answerFormat.ts), and what needs code: logit bias parsed,
 * stop sequences checked, an empty user left out, usage asked for when streaming. Both nodes
 * build their bodies with it.
 */
export function readBodyFields(
	context: ItemReader,
	answer: AnswerFormat,
	routed: IDataObject,
): IDataObject {
	checkNumbers('options', context.getNodeParameter('options', {}) as IDataObject, nodeOptions);
	checkNumbers('limits', context.getNodeParameter('limits', {}) as IDataObject, nodeOptions);
	const fields: IDataObject = { model: typeof routed.model === 'string' ? routed.model : '' };
	const sent = (field: string) => routed[field] !== undefined;
	for (const field of NUMBERS) if (sent(field)) fields[field] = checked(field, routed[field]);
	if (answer.responseFormat) fields.response_format = answer.responseFormat;
	if (sent('logit_bias')) {
		fields.logit_bias = checkParameter('modelParameters.logitBias', () =>
			parseLogitBias(routed.logit_bias),
		);
	}
	if (sent('stop')) {
		const stops = checkParameter('modelParameters.stop', () => checkStopSequences(routed.stop));
		if (stops.length > 0) fields.stop = stops;
	}
	if (sent('max_tokens')) fields.max_tokens = checked('max_tokens', routed.max_tokens);
	// Left out when empty, as an empty box means "not set".
	if (typeof routed.user === 'string' && routed.user.trim() !== '') fields.user = routed.user;
	// A parameter given a routing later goes as it is, checked against its range if a number.
	for (const [field, value] of Object.entries(routed)) {
		if (!HANDLED.has(field) && value !== undefined) fields[field] = checked(field, value);
	}
	if (sent('stream')) fields.stream = routed.stream === true;
	// Without this the streamed answer has no usage; the node outputs usage either way.
	if (fields.stream) fields.stream_options = { include_usage: true };
	// The changes known refusals ask for, made at once where the model is known to need them.
	return adaptedBeforeSending(fields);
}
