/**
 * One body for two nodes: Vision Chat Batch builds each line's body from the same descriptions'
 * routing as n8n's RoutingNode builds Vision Chat's request, so every parameter reaches both.
 */
import { credentialsFor, visionParameters } from '../support/fixtures';
import { makePng } from '../support/images';
import { runVisionChat, runVisionChatBatch, useTestServer } from './harness';

const server = useTestServer();
afterEach(() => {
	for (const request of server.completions) expect(request.schemaErrors).toEqual([]);
	for (const line of server.batchApi.lines) expect(line.schemaErrors).toEqual([]);
});

const png = { data: makePng(2, 2, 5), mimeType: 'image/png', fileName: 'shelf.png' };
const item = { json: { sku: 'A-1' }, binary: { data: png, other: png } };
const fields = {
	field: [
		{ name: 'tag', type: 'text' },
		{ name: 'count', type: 'integer' },
	],
};

const DATA_URL = expect.stringMatching(/^data:image\/png;base64,/);
const TEXT = { type: 'text', text: 'Tag A-1' };
const IMAGE = { type: 'image_url', image_url: { url: DATA_URL, detail: 'auto' } };
const imageAt = (url: string) => ({ type: 'image_url', image_url: { url, detail: 'auto' } });
const USER = { role: 'user', content: [TEXT, IMAGE] };
const chatJson = JSON.stringify([
	{ role: 'system', content: 'Be short' },
	{ role: 'user', content: [{ type: 'text', text: 'Tag' }, imageAt('binary:other')] },
]);
const schema = '{"type":"object","properties":{"tag":{"type":"string"}}}';

// Each parameter, what it puts into the body (a part of it), and the parameters it needs.
test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
	['Prompt alone', {}, { messages: [USER] }],
	[
		'System Message',
		{ systemMessage: 'You tag shelves' },
		{ messages: [{ role: 'system', content: 'You tag shelves' }, USER] },
	],
	[
		'Image URLs after the binary image',
		{ imageUrls: 'https://images.test/b.png' },
		{ messages: [{ role: 'user', content: [TEXT, IMAGE, imageAt('https://images.test/b.png')] }] },
	],
	[
		'All Binary Properties',
		{ binaryImages: 'all' },
		{ messages: [{ role: 'user', content: [TEXT, IMAGE, IMAGE] }] },
	],
	[
		'Image Detail',
		{ imageDetail: 'high' },
		{
			messages: [
				{
					role: 'user',
					content: [TEXT, { type: 'image_url', image_url: { url: DATA_URL, detail: 'high' } }],
				},
			],
		},
	],
	[
		'Examples',
		{ examples: { example: [{ imageUrl: 'https://images.test/e.png', answer: 'shelf' }] } },
		{
			messages: [
				{ role: 'user', content: [TEXT, imageAt('https://images.test/e.png')] },
				{ role: 'assistant', content: 'shelf' },
				USER,
			],
		},
	],
	[
		'Messages (JSON)',
		{ inputMode: 'messages', messages: chatJson },
		{
			messages: [
				{ role: 'system', content: 'Be short' },
				{ role: 'user', content: [{ type: 'text', text: 'Tag' }, IMAGE] },
			],
		},
	],
	['Frequency Penalty', { modelParameters: { frequencyPenalty: 0.5 } }, { frequency_penalty: 0.5 }],
	[
		'Logit Bias',
		{ modelParameters: { logitBias: '{"50256": -100}' } },
		{ logit_bias: { 50256: -100 } },
	],
	['Max Tokens', { modelParameters: { maxTokens: 300 } }, { max_tokens: 300 }],
	[
		'Max Tokens of a reasoning model',
		{ model: 'o4-mini', modelParameters: { maxTokens: 300 } },
		{ model: 'o4-mini', max_completion_tokens: 300 },
	],
	['Number of Choices', { modelParameters: { n: 2 } }, { n: 2 }],
	['Presence Penalty', { modelParameters: { presencePenalty: -1 } }, { presence_penalty: -1 }],
	['Seed', { modelParameters: { seed: 42 } }, { seed: 42 }],
	['Stop Sequences', { modelParameters: { stop: ['END', 'STOP'] } }, { stop: ['END', 'STOP'] }],
	[
		'Temperature from an expression',
		{ modelParameters: { temperature: '={{ 0.25 }}' } },
		{ temperature: 0.25 },
	],
	['Top P', { modelParameters: { topP: 0.5 } }, { top_p: 0.5 }],
	['User', { modelParameters: { user: 'u-1' } }, { user: 'u-1' }],
	[
		'Response Format: JSON Object',
		{ responseFormat: 'json_object' },
		{ response_format: { type: 'json_object' } },
	],
	[
		'Response Format: Fields',
		{ responseFormat: 'fields', fields },
		{ response_format: { type: 'json_schema', json_schema: { name: 'fields', strict: true } } },
	],
	[
		'Response Format: JSON Example',
		{ responseFormat: 'json_example', jsonExample: '{"tag": "x"}' },
		{ response_format: { type: 'json_schema', json_schema: { name: 'example', strict: true } } },
	],
	[
		'Response Format: JSON Schema',
		{ responseFormat: 'json_schema', jsonSchema: schema },
		{ response_format: { type: 'json_schema', json_schema: { name: 'answer' } } },
	],
])('%s: the batch line carries the body Vision Chat sends', async (_name, parameters, sent) => {
	const all = visionParameters({ prompt: '=Tag {{ $json.sku }}', ...parameters });
	const live = await runVisionChat({
		items: [item],
		parameters: all,
		credentials: credentialsFor(server),
	});
	expect(live.error).toBeUndefined();
	const submitted = await runVisionChatBatch({
		items: [item],
		parameters: { ...all, operation: 'submit' },
		credentials: credentialsFor(server),
	});
	expect(submitted.error).toBeUndefined();
	expect(server.completions).toHaveLength(1);
	expect(server.batchApi.lines).toHaveLength(1);
	expect(server.completions[0].body).toMatchObject(sent);
	expect(server.batchApi.lines[0].body).toEqual(server.completions[0].body);
});
