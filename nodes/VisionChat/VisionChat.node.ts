import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CHAT_COMPLETIONS_PATH } from '../../credentials/baseUrl';
import {
	examplesProperty,
	inputModeProperty,
	messagesProperty,
} from '../core/descriptions/conversation';
import { imageProperties } from '../core/descriptions/images';
import { modelProperties } from '../core/descriptions/model';
import { optionsProperties } from '../core/descriptions/options';
import { outputProperties } from '../core/descriptions/output';
import { promptProperties } from '../core/descriptions/prompt';
import { responseFormatProperties } from '../core/descriptions/responseFormat';
import { searchModels } from '../core/methods/searchModels';
import { withBodyRouting } from '../core/routing/bodyRouting';
import { itemRequestRouting } from './routing';
import { CREDENTIAL_TYPE } from '../../credentials/credentialType';

export class VisionChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vision Chat',
		name: 'visionChat',
		icon: { light: 'file:visionChat.svg', dark: 'file:visionChat.dark.svg' },
		group: ['transform'],
		// 1.1: Include Input Fields is on unless switched off (1 kept it off).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["model"].value || $parameter["model"] }}',
		description: 'Send images and a prompt to any OpenAI-compatible vision chat-completions API',
		defaults: { name: 'Vision Chat' },
		usableAsTool: {
			replacements: {
				description:
					'Looks at images given by URL and answers a question about them: describes them, reads their text, tags or compares them. Call it when the answer depends on what an image shows.',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		requestDefaults: {
			// The credential's authenticate sets the base URL.
			url: CHAT_COMPLETIONS_PATH,
			method: 'POST',
			json: true,
			headers: { 'Content-Type': 'application/json' },
			// Errors are built from the response body by throwOnApiError, never from the request.
			ignoreHttpStatusErrors: true,
			// A redirect would carry the API key to whatever origin it names.
			disableFollowRedirect: true,
		},
		// Each parameter's way into the request body is its own routing (../core/routing/).
		properties: withBodyRouting([
			...modelProperties,
			inputModeProperty,
			...promptProperties,
			...imageProperties,
			examplesProperty,
			messagesProperty,
			...responseFormatProperties,
			...outputProperties,
			...optionsProperties,
			// Each item's request loop and response chain: see routing.ts.
			itemRequestRouting,
		]),
	};

	methods = {
		listSearch: { searchModels },
	};
}
