/**
 * Vision Chat is declarative: the parameters that go into the body carry their own routing, n8n's
 * RoutingNode puts them there, and the node's request hook reads none of them.
 */
import type { INodeProperties } from 'n8n-workflow';

import { credentialsFor, visionParameters } from '../support/fixtures';
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

test("the node's request hook reads no parameter that routing puts in the body; n8n's RoutingNode does", async () => {
	// Spies on the engine's item context: who asks for which parameter, the node or n8n.
	const { ExecuteSingleContext } = require('n8n-core');
	const getNodeParameter = ExecuteSingleContext.prototype.getNodeParameter;
	const readByNode: string[] = [];
	const readByEngine: string[] = [];
	ExecuteSingleContext.prototype.getNodeParameter = function (
		this: unknown,
		name: string,
		...rest: unknown[]
	) {
		const fromNode = /[\\/]dist[\\/]nodes[\\/]/.test(new Error().stack ?? '');
		(fromNode ? readByNode : readByEngine).push(name);
		return getNodeParameter.call(this, name, ...rest);
	};
	try {
		const result = await runVisionChat({
			items: [{ json: {} }],
			parameters: visionParameters({
				binaryImages: 'none',
				modelParameters: { temperature: 0.5, maxTokens: 100, stop: ['END'] },
				options: { stream: true },
			}),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
	} finally {
		ExecuteSingleContext.prototype.getNodeParameter = getNodeParameter;
	}
	expect(server.completions[0].body).toMatchObject({
		model: 'gpt-4o-mini',
		temperature: 0.5,
		max_tokens: 100,
		stop: ['END'],
		stream: true,
	});
	expect(readByEngine).toEqual(
		expect.arrayContaining(['model', 'modelParameters.temperature', 'options.stream']),
	);
	expect(
		readByNode.filter((name) => name === 'model' || name.startsWith('modelParameters')),
	).toEqual([]);
});
