/** The benchmark's workflows and inputs: the same chat-completions call made three ways. */
import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';

import { MANUAL_TRIGGER, visionChatNode } from '../test/e2e/n8n';
import type { N8nSandbox } from '../test/e2e/n8n';
import type { OpenAiTestServer } from '../test/server/openAiServer';

const credential = { id: 'benchVision', name: 'Bench Vision Chat' };
const headerCredential = { id: 'benchHeader', name: 'Bench Header Auth' };
const openAiCredential = { id: 'benchOpenAi', name: 'Bench OpenAI' };

/** Each workflow reads the API key from a stored credential, as n8n users keep keys. */
export async function importCredentials(
	sandbox: N8nSandbox,
	server: OpenAiTestServer,
): Promise<void> {
	await sandbox.importCredential({
		...credential,
		type: 'visionChatApi',
		data: { apiKey: server.apiKey, baseUrl: server.url, extraHeaders: '{}' },
	});
	await sandbox.importCredential({
		...headerCredential,
		type: 'httpHeaderAuth',
		data: { name: 'Authorization', value: `Bearer ${server.apiKey}` },
	});
	await sandbox.importCredential({
		...openAiCredential,
		type: 'openAiApi',
		data: { apiKey: server.apiKey, url: `${server.url}/v1` },
	});
}

/** The timing cases: item count, image size and server latency. */
export const TIMING_CASES = {
	p1: { count: 200, bytes: 100 * 1024, latencyMs: 200 },
	p2: { count: 1000, bytes: 2 * 1024, latencyMs: 0 },
};

/** (b) puts the key in a header parameter (the engine's floor); (bAuth) keeps it in a credential. */
export type Variant = 'a' | 'aCap10' | 'b' | 'bAuth' | 'c';
export const NODE_NAME: Record<Variant, string> = {
	a: 'Vision Chat',
	aCap10: 'Vision Chat',
	b: 'HTTP Request',
	bAuth: 'HTTP Request',
	c: 'OpenAI',
};
export const LABEL: Record<Variant, string> = {
	a: '(a) Vision Chat',
	aCap10: '(a) Vision Chat, Max Concurrent Requests 10 (the default before the adaptive limiter)',
	b: '(b) HTTP Request, key in a header parameter',
	bAuth: "(b') HTTP Request, key in a Header Auth credential",
	c: '(c) OpenAI, Analyze Image',
};

const JSON_BODY =
	"={{ JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe this image' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,' + $binary.data.data, detail: 'auto' } }] }] }) }}";

/** n8n's Read Files node, reading every PNG of a folder that `makeImages` made. */
export function readImagesNode(folder: string, name: string) {
	return {
		id: 'read',
		name,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		position: [200, 0],
		parameters: { operation: 'read', fileSelector: `${folder}/*.{png,pdf}`, options: {} },
	};
}

export function workflowFor(
	variant: Variant,
	id: string,
	folder: string,
	serverUrl: string,
	apiKey: string,
	options: Record<string, unknown> = {},
) {
	const read = readImagesNode(folder, 'Read images');
	const batching = options.batching as { batchSize: number; batchInterval: number } | undefined;
	const maxConcurrency = variant === 'aCap10' ? 10 : options.maxConcurrency;
	const visionChat = visionChatNode({
		id: 'call',
		name: NODE_NAME.a,
		position: [400, 0],
		parameters: {
			prompt: 'Describe this image',
			binaryPropertyNames: 'data',
			options: {
				...(maxConcurrency ? { maxConcurrency } : {}),
				...(options.imageMemoryMb ? { imageMemoryMb: options.imageMemoryMb } : {}),
				// PDFs go as OpenAI's file part: the local server's Base URL says no form of its own.
				...(options.documents ? { documentsAs: 'file' } : {}),
			},
			...(batching ? { requestOptions: { batching: { batch: batching } } } : {}),
		},
		credential,
	});
	const nodes: Record<Variant, object> = {
		a: visionChat,
		aCap10: visionChat,
		b: {
			id: 'call',
			name: NODE_NAME.b,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [400, 0],
			parameters: {
				method: 'POST',
				url: `${serverUrl}/v1/chat/completions`,
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${apiKey}` }] },
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON_BODY,
				options: {},
			},
		},
		bAuth: {
			id: 'call',
			name: NODE_NAME.bAuth,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [400, 0],
			parameters: {
				method: 'POST',
				url: `${serverUrl}/v1/chat/completions`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON_BODY,
				options: {},
			},
			credentials: { httpHeaderAuth: headerCredential },
		},
		c: {
			id: 'call',
			name: NODE_NAME.c,
			type: '@n8n/n8n-nodes-langchain.openAi',
			typeVersion: 1.8,
			position: [400, 0],
			parameters: {
				resource: 'image',
				operation: 'analyze',
				modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
				text: 'Describe this image',
				inputType: 'base64',
				binaryPropertyName: 'data',
				simplify: true,
				options: {},
			},
			credentials: { openAiApi: openAiCredential },
		},
	};
	const trigger = options.webhookPath
		? {
				id: 'webhook',
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: options.webhookPath,
				parameters: {
					httpMethod: 'POST',
					path: options.webhookPath,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			}
		: MANUAL_TRIGGER;
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [trigger, read, nodes[variant]],
		connections: {
			Start: { main: [[{ node: 'Read images', type: 'main', index: 0 }]] },
			'Read images': { main: [[{ node: NODE_NAME[variant], type: 'main', index: 0 }]] },
		},
	};
}

/**
 * `count` PNG-signed files of `bytes` each in a folder of the sandbox's files folder; returns
 * the folder as a Read Files node finds it from n8n's working directory (its home), where both
 * n8n 1.x (relative to the working directory) and 2.x (only inside `~/.n8n-files`) read it.
 */
export function makeImages(
	sandbox: N8nSandbox,
	name: string,
	count: number,
	bytes: number,
	kind: 'png' | 'pdf' = 'png',
): string {
	const folder = path.join(sandbox.filesFolder, name);
	fs.mkdirSync(folder, { recursive: true });
	// The first bytes the node checks: a PNG's signature, or a PDF's `%PDF-`.
	const signature =
		kind === 'png'
			? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
			: [...Buffer.from('%PDF-1.7')];
	for (let index = 0; index < count; index++) {
		const data = randomBytes(bytes);
		data.set(signature);
		fs.writeFileSync(path.join(folder, `${String(index).padStart(5, '0')}.${kind}`), data);
	}
	return path.relative(sandbox.workFolder, folder);
}
