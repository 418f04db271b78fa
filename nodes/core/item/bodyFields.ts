import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import type { AnswerFormat } from './answerFormat';
import { checkParameter } from '../errors/problems';
import { adaptedBeforeSending } from '../errors/quirks';
import { modelId } from '../descriptions/model';
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

/** The model parameters that go into the body as they are, by their name in the body. */
const SENT_AS_THEY_ARE: Record<string, string> = {
	frequencyPenalty: 'frequency_penalty',
	n: 'n',
	presencePenalty: 'presence_penalty',
	seed: 'seed',
	temperature: 'temperature',
	topP: 'top_p',
};

/**
 * Every field of one item's request body but its messages, read and checked (throws an
 * InputProblem): the model, the model parameters the user added, the response format (read
 * with the item: answerFormat.ts), logit
 * bias, stop sequences, the token limit and streaming. Both nodes build their bodies with it.
 */
export function readBodyFields(context: ItemReader, answer: AnswerFormat): IDataObject {
	const parameters = context.getNodeParameter('modelParameters', {}) as IDataObject;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	checkNumbers('modelParameters', parameters, modelParameters);
	checkNumbers('options', options, nodeOptions);
	checkNumbers('limits', context.getNodeParameter('limits', {}) as IDataObject, nodeOptions);
	const fields: IDataObject = { model: modelId(context) };
	for (const parameter of modelParameters) {
		const name = SENT_AS_THEY_ARE[parameter.name];
		if (name && parameters[parameter.name] !== undefined) fields[name] = parameters[parameter.name];
	}

	if (answer.responseFormat) fields.response_format = answer.responseFormat;
	if (parameters.logitBias !== undefined) {
		fields.logit_bias = checkParameter('modelParameters.logitBias', () =>
			parseLogitBias(parameters.logitBias),
		);
	}
	if (parameters.stop !== undefined) {
		const stops = checkParameter('modelParameters.stop', () => checkStopSequences(parameters.stop));
		if (stops.length > 0) fields.stop = stops;
	}
	if (parameters.maxTokens !== undefined) {
		fields.max_tokens = parameters.maxTokens;
	}
	// Left out when empty, as an empty box means "not set".
	if (typeof parameters.user === 'string' && parameters.user.trim() !== '') {
		fields.user = parameters.user;
	}
	if (options.stream !== undefined) fields.stream = options.stream === true;
	// Without this the streamed answer has no usage; the node outputs usage either way.
	if (fields.stream) fields.stream_options = { include_usage: true };
	// The changes known refusals ask for, made at once where the model is known to need them.
	return adaptedBeforeSending(fields);
}
