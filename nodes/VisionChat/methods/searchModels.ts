import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INodeListSearchResult,
} from 'n8n-workflow';

import { apiBaseUrl } from '../../../credentials/baseUrl';
import { apiErrorMessage } from '../failures/httpFailure';
import { redact } from '../failures/redact';

/** Pure: every model ID of a `GET /models` answer that matches the search text, sorted. */
export function modelList(body: unknown, filter?: string): INodeListSearchResult {
	const data = (body as IDataObject | undefined)?.data;
	const ids = (Array.isArray(data) ? data : [])
		.map((model) => String((model as IDataObject).id ?? ''))
		.filter((id) => id !== '' && (!filter || id.toLowerCase().includes(filter.toLowerCase())))
		.sort((a, b) => a.localeCompare(b));
	return { results: ids.map((id) => ({ name: id, value: id })) };
}

export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	// The credential's authenticate puts the base URL in front.
	const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'visionChatApi', {
		method: 'GET',
		url: '/models',
		json: true,
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	})) as IN8nHttpFullResponse;
	if (response.statusCode >= 200 && response.statusCode < 300)
		return modelList(response.body, filter);
	const credentials = await this.getCredentials('visionChatApi');
	const url = `${apiBaseUrl(credentials.baseUrl)}/models`;
	if (response.statusCode === 404) {
		throw new NodeOperationError(
			this.getNode(),
			`This API has no model list (404 at ${url}): choose "ID" in the Model field and type the model's ID`,
		);
	}
	const words = apiErrorMessage(response.body) ?? response.statusMessage ?? '';
	throw new NodeOperationError(
		this.getNode(),
		redact(
			`The model list failed: the API answered ${response.statusCode}: ${words}`,
			credentials.apiKey as string,
		),
		{
			description: response.statusCode === 401 ? 'Check the API Key of the credential.' : undefined,
		},
	);
}
