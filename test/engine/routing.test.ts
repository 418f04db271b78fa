/**
 * Vision Chat is declarative: the parameters that go into the body carry their own routing, n8n's
 * RoutingNode puts them there, and the node's request hook reads none of them.
 */
import type { INodeProperties } from 'n8n-workflow';

import { credentialsFor, visionParameters } from '../support/fixtures';
import { makePng } from '../support/images';
import { runVisionChat, useTestServer } from './harness';

const server = useTestServer();

const { VisionChat } = require('../../dist/nodes/VisionChat/VisionChat.node.js');
const properties: INodeProperties[] = new VisionChat().description.properties;

const sendsTo = (property: INodeProperties) =>
	property.routing?.send?.type === 'body' ? property.routing.send.property : undefined;

test('the model, every model parameter and Stream name the body field they go into', () => {
	const byName = (name: string) => properties.find((property) => property.name === name)!;
	const optionsOf = (name: string) => byName(name).options as INodeProperties[];
	expect(sendsTo(byName('model'))).toBe('model');
	expect(Object.fromEntries(optionsOf('modelParameters').map((p) => [p.name, sendsTo(p)]))).toEqual(
		{
			frequencyPenalty: 'frequency_penalty',
			logitBias: 'logit_bias',
			maxTokens: 'max_tokens',
			n: 'n',
			presencePenalty: 'presence_penalty',
			seed: 'seed',
			stop: 'stop',
			temperature: 'temperature',
			topP: 'top_p',
			user: 'user',
		},
	);
	const stream = properties
		.filter((property) => property.name === 'options')
		.map((options) => (options.options as INodeProperties[]).find((o) => o.name === 'stream'));
	expect(stream.map((option) => option && sendsTo(option))).toEqual(stream.map(() => 'stream'));
});

/** The body parameters: what routing and the preSends put in the body, never the request hook. */
const BODY_PARAMETERS = [
	'model',
	'modelParameters',
	'inputMode',
	'prompt',
	'systemMessage',
	'examples',
	'messages',
	'binaryImages',
	'binaryPropertyNames',
	'imageUrls',
	'imageDetail',
	'responseFormat',
	'fields',
	'fieldsPlacement',
	'jsonExample',
	'jsonSchema',
	'jsonSchemaName',
	'jsonSchemaStrict',
];

test('the messages, the images, the response format and the token limit carry a preSend of their own', () => {
	const preSends = (list: INodeProperties[]): string[] =>
		list.flatMap((property) => [
			...(property.routing?.send?.preSend?.length ? [property.name] : []),
			...(property.type === 'collection' ? preSends(property.options as INodeProperties[]) : []),
		]);
	// Prompt and Image URLs twice: as the editor shows them, and as an AI Agent's tool.
	expect(preSends(properties)).toEqual([
		'prompt',
		'prompt',
		'imageUrls',
		'imageUrls',
		'messages',
		'responseFormat',
		'modelParameters',
		'maxTokens',
		'stream',
		'stream',
	]);
});

test("the node's request hook reads no parameter that goes into the body; n8n's routing and the parameters' preSends do", async () => {
	// Spies on the engine's item context: who asks for which parameter.
	const { ExecuteSingleContext } = require('n8n-core');
	const getNodeParameter = ExecuteSingleContext.prototype.getNodeParameter;
	const readBy = { engine: [] as string[], preSends: [] as string[], hook: [] as string[] };
	ExecuteSingleContext.prototype.getNodeParameter = function (
		this: unknown,
		name: string,
		...rest: unknown[]
	) {
		const stack = new Error().stack ?? '';
		const reader = stack.includes('runBodyStep')
			? 'preSends'
			: /[\\/]dist[\\/]nodes[\\/]/.test(stack)
				? 'hook'
				: 'engine';
		readBy[reader].push(name);
		return getNodeParameter.call(this, name, ...rest);
	};
	const fields = { field: [{ name: 'tag', type: 'text', description: 'One word' }] };
	try {
		const result = await runVisionChat({
			items: [
				{
					json: {},
					binary: { data: { data: makePng(2, 2, 3), mimeType: 'image/png', fileName: 'a.png' } },
				},
			],
			parameters: visionParameters({
				systemMessage: 'You tag photos',
				imageUrls: 'https://images.test/b.png',
				imageDetail: 'low',
				responseFormat: 'fields',
				fields,
				modelParameters: { temperature: 0.5, maxTokens: 100, stop: ['END'] },
				options: { stream: true },
			}),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
	} finally {
		ExecuteSingleContext.prototype.getNodeParameter = getNodeParameter;
	}
	const { body } = server.completions[0];
	expect(body).toMatchObject({
		model: 'gpt-4o-mini',
		temperature: 0.5,
		max_tokens: 100,
		stop: ['END'],
		stream: true,
		stream_options: { include_usage: true },
		response_format: { type: 'json_schema', json_schema: { name: 'fields', strict: true } },
	});
	expect(body.messages[1].content).toEqual([
		{ type: 'text', text: 'Describe this image' },
		{
			type: 'image_url',
			image_url: { url: expect.stringMatching(/^data:image\/png;base64,/), detail: 'low' },
		},
		{ type: 'image_url', image_url: { url: 'https://images.test/b.png', detail: 'low' } },
	]);
	expect(readBy.engine).toEqual(
		expect.arrayContaining(['model', 'modelParameters.temperature', 'options.stream']),
	);
	expect(readBy.preSends).toEqual(
		expect.arrayContaining(['prompt', 'systemMessage', 'imageUrls', 'responseFormat', 'fields']),
	);
	const isBodyParameter = (name: string) => BODY_PARAMETERS.includes(name.split('.')[0]);
	expect(readBy.hook.filter(isBodyParameter)).toEqual([]);
});
