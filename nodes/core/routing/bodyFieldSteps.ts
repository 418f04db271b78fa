import type { IDataObject } from 'n8n-workflow';

import { checkParameter } from '../errors/problems';
import { adaptedBeforeSending } from '../errors/quirks';
import { modelParameters } from '../descriptions/modelParameters';
import { parseLogitBias } from '../parameters/logitBias';
import { checkRange } from '../parameters/numberRanges';
import { checkStopSequences } from '../parameters/stopSequences';
import type { BodyStep } from './bodyStep';
import { answerOf } from './promptMessages';
import { routedBodyField } from './routedFields';

/** Response Format: the body's `response_format` (none for Text), and how the answer is read. */
export const responseFormat: BodyStep = (item, body, parts) => {
	const answer = answerOf(item, parts);
	if (answer.responseFormat) body.response_format = answer.responseFormat;
};

/**
 * Model Parameters as routing put them into the body, checked: expressions bypass the editor's
 * limits, so each number is held to its parameter's range (and sent as a number), Logit Bias is
 * parsed, Stop Sequences checked, and an empty User left out, as an empty box means "not set".
 */
export const checkedModelParameters: BodyStep = (item, body) => {
	for (const parameter of modelParameters) {
		const field = routedBodyField(parameter);
		if (field === undefined || body[field] === undefined) continue;
		const at = `modelParameters.${parameter.name}`;
		if (parameter.type === 'number') {
			body[field] = checkParameter(at, () =>
				checkRange(
					parameter.displayName,
					body[field],
					parameter.typeOptions?.minValue,
					parameter.typeOptions?.maxValue,
				),
			);
		}
	}
	if (body.logit_bias !== undefined) {
		body.logit_bias = checkParameter('modelParameters.logitBias', () =>
			parseLogitBias(body.logit_bias),
		);
	}
	if (body.stop !== undefined) {
		const stops = checkParameter('modelParameters.stop', () => checkStopSequences(body.stop));
		if (stops.length > 0) body.stop = stops;
		else delete body.stop;
	}
	if (body.user !== undefined && (typeof body.user !== 'string' || body.user.trim() === '')) {
		delete body.user;
	}
};

/**
 * Max Tokens: sent as max_completion_tokens to the models known to take only that (the model's
 * name says so: errors/quirks.ts), from the first request.
 */
export const tokenLimitForModel: BodyStep = (item, body) => {
	const adapted = adaptedBeforeSending(body);
	for (const field of Object.keys(body)) if (!(field in adapted)) delete body[field];
	Object.assign(body, adapted as IDataObject);
};

/** Stream: a boolean, and usage asked for, without which a streamed answer has none. */
export const usageWhenStreaming: BodyStep = (item, body) => {
	body.stream = body.stream === true;
	if (body.stream) body.stream_options = { include_usage: true };
};
