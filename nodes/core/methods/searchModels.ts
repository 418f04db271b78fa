import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INodeListSearchResult,
} from 'n8n-workflow';

import { apiBaseUrl } from '../../../credentials/baseUrl';
import { apiErrorMessage } from '../errors/apiMessage';
import { redact } from '../errors/redact';
import { startDeadline, untilAborted } from '../attemptDeadline';
import { readDecodedBody } from '../answer/boundedBody';
import { CREDENTIAL_TYPE } from '../../../credentials/credentialType';

/** A model list is far below this: OpenRouter's, of several hundred models, is about 1 MB. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;
const LIST_TIMEOUT_MS = 60_000;

/** `GET /models`, its body read within MAX_LIST_BYTES and LIST_TIMEOUT_MS. */
async function getModels(context: ILoadOptionsFunctions): Promise<IN8nHttpFullResponse> {
	const deadline = startDeadline(LIST_TIMEOUT_MS);
	const request = async () => {
		// The credential's authenticate puts the base URL in front.
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			{
				method: 'GET',
				url: '/models',
				json: true,
				disableFollowRedirect: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				encoding: 'stream',
				timeout: LIST_TIMEOUT_MS,
				// A model list is loaded outside an execution: n8n gives the client no signal of its own.
				abortSignal: deadline,
			},
		)) as IN8nHttpFullResponse;
		const limits = { maxBytes: MAX_LIST_BYTES, signal: deadline };
		const body = await readDecodedBody(response.body, limits, 'model list');
		return { ...response, body: body as IN8nHttpFullResponse['body'] };
	};
	try {
		return await untilAborted(request(), deadline);
	} catch (error) {
		const reason = deadline.aborted
			? `no whole answer within ${LIST_TIMEOUT_MS / 1000} s`
			: (error as Error).message;
		const { apiKey } = await context.getCredentials(CREDENTIAL_TYPE);
		const message = redact(`The model list failed: ${reason}`, apiKey as string);
		throw new NodeOperationError(context.getNode(), message, {
			description:
				'Check the Base URL of the credential, or choose "ID" in the Model field and type the model\'s ID.',
		});
	}
}

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
	const response = await getModels(this);
	if (response.statusCode >= 200 && response.statusCode < 300)
		return modelList(response.body, filter);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
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
