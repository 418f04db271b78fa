import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

export async function sendStream(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const stream = this.getNodeParameter('options.stream', false) as boolean;
	const body = requestOptions.body as IDataObject;
	body.stream = stream;
	// Without this the streamed answer has no usage; the node outputs usage either way.
	if (stream) body.stream_options = { include_usage: true };
	return requestOptions;
}
