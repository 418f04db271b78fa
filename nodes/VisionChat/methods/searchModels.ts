import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

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
	const body = await this.helpers.httpRequestWithAuthentication.call(this, 'visionChatApi', {
		method: 'GET',
		url: '/models',
		json: true,
		disableFollowRedirect: true,
	});
	return modelList(body, filter);
}
