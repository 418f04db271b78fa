import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

export async function sendMaxTokens(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const field = this.getNodeParameter('options.maxTokensField', 'max_tokens') as string;
	(requestOptions.body as IDataObject)[field === 'max_completion_tokens' ? field : 'max_tokens'] =
		this.getNodeParameter('options.maxTokens') as number;
	return requestOptions;
}
