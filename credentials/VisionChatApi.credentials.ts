import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_BASE_URL, apiBaseUrl } from './baseUrl';
import { extraHeadersOf } from './extraHeaders';
import { CREDENTIAL_TYPE } from './credentialType';

export class VisionChatApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'Vision Chat API';

	icon = {
		light: 'file:../nodes/VisionChat/visionChat.svg',
		dark: 'file:../nodes/VisionChat/visionChat.dark.svg',
	} as const;

	// n8n appends ?utm_... to this address, which would break an #anchor: a page of its own.
	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-vision-chat#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			placeholder: 'https://openrouter.ai/api/v1',
			description:
				'Root of the OpenAI-compatible API as your provider documents it: requests go to {Base URL}/chat/completions. A bare host gets /v1 (https://host/v1/chat/completions).',
		},
		{
			displayName: 'Extra Headers',
			name: 'extraHeaders',
			// Plain text: n8n's JSON editor shows a new credential's box empty and marks it invalid.
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'HTTP-Referer: https://example.com\nX-Title: n8n',
			description:
				'Headers sent with every request: one "Name: value" per line, or a JSON object. The API Key field sets Authorization; an Authorization header here is refused.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			// The one place the base URL is applied: the node's requests, its model list and the
			// credential test all pass here. (An expression in requestDefaults would be evaluated by
			// n8n for every item before the first request, a data proxy each: bench/PROFILE.md.)
			baseURL: apiBaseUrl(credentials.baseUrl),
			headers: {
				...extraHeadersOf(credentials.extraHeaders),
				...requestOptions.headers,
				Authorization: `Bearer ${credentials.apiKey as string}`,
			},
		};
	}

	// n8n words a failed test itself; these rules give its message for the two common causes.
	test: ICredentialTestRequest = {
		request: {
			url: '/models',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The API did not accept the API Key (401): check the key, and that it belongs to the API at this Base URL',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'This Base URL serves no model list (404): check the Base URL. The key may still be fine: some gateways have no /models, and the node works with a model ID typed in',
				},
			},
		],
	};
}
