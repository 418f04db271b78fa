import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { checked } from './inputProblem';
import {
	buildJsonSchemaFormat,
	checkRange,
	checkStopSequences,
	parseLogitBias,
} from './validate';

type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

function body(requestOptions: IHttpRequestOptions): IDataObject {
	return requestOptions.body as IDataObject;
}

/**
 * A preSend that checks every number the user set in a collection against the minValue and
 * maxValue its field declares: expressions bypass the editor's own limits.
 */
export function checkNumberRanges(fields: INodeProperties[]): PreSend {
	const numberFields = fields.filter((field) => field.type === 'number');
	return async function checkOptionRanges(this: IExecuteSingleFunctions, requestOptions) {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		for (const field of numberFields) {
			if (options[field.name] === undefined) continue;
			checked(this, () =>
				checkRange(
					field.displayName,
					options[field.name],
					field.typeOptions?.minValue,
					field.typeOptions?.maxValue,
				),
			);
		}
		return requestOptions;
	};
}

export async function sendLogitBias(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const value = this.getNodeParameter('options.logitBias', '{}');
	body(requestOptions).logit_bias = checked(this, () => parseLogitBias(value));
	return requestOptions;
}

export async function sendMaxTokens(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const field = this.getNodeParameter('options.maxTokensField', 'max_tokens') as string;
	body(requestOptions)[field === 'max_completion_tokens' ? field : 'max_tokens'] =
		this.getNodeParameter('options.maxTokens') as number;
	return requestOptions;
}

export async function sendStop(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const stops = checked(this, () => checkStopSequences(this.getNodeParameter('options.stop', [])));
	if (stops.length > 0) body(requestOptions).stop = stops;
	return requestOptions;
}

export async function sendStream(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const stream = this.getNodeParameter('options.stream', false) as boolean;
	body(requestOptions).stream = stream;
	// Without this the streamed answer has no usage; the node outputs usage either way.
	if (stream) body(requestOptions).stream_options = { include_usage: true };
	return requestOptions;
}

export async function sendResponseFormat(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const format = this.getNodeParameter('responseFormat', 'text') as string;
	if (format === 'json_object') body(requestOptions).response_format = { type: 'json_object' };
	if (format === 'json_schema') {
		body(requestOptions).response_format = checked(this, () =>
			buildJsonSchemaFormat(
				this.getNodeParameter('jsonSchemaName', 'answer'),
				this.getNodeParameter('jsonSchema', '{}'),
				this.getNodeParameter('jsonSchemaStrict', true),
			),
		) as unknown as IDataObject;
	}
	return requestOptions;
}
