/**
 * Earlier messages: Examples (an image and the answer expected for it, as earlier turns) and
 * Messages mode (the whole chat from an expression), through n8n-core's engine against the
 * schema-checking server.
 */
import { credentialsFor, visionParameters } from '../support/fixtures';
import { decodeDataUrl, makePng } from '../support/images';
import { runVisionChat, useTestServer } from './harness';

const server = useTestServer();
afterEach(() => {
	expect(server.invalidReplies).toEqual([]);
	for (const request of server.completions) expect(request.schemaErrors).toEqual([]);
});

const itemImage = makePng(3, 2, 5);
const exampleImage = makePng(4, 4, 9);
const item = (json: Record<string, string> = {}) => ({
	json,
	binary: {
		data: { data: itemImage, fileName: 'item.png', mimeType: 'image/png' },
		example: { data: exampleImage, fileName: 'example.png', mimeType: 'image/png' },
	},
});

const imageUrlOf = (part: { image_url: { url: string } }) => part.image_url.url;

test('a user tagging a catalogue shows the model two examples: they go first, as earlier turns with their answers', async () => {
	const result = await runVisionChat({
		items: [item()],
		parameters: visionParameters({
			prompt: 'Category and color as JSON',
			systemMessage: 'You tag products.',
			examples: {
				example: [
					{
						imageSource: 'url',
						imageUrl: 'https://example.com/red-shoe.jpg',
						answer: '{"category":"shoes","color":"red"}',
					},
					{
						imageSource: 'binary',
						binaryProperty: 'example',
						answer: '{"category":"bags","color":"blue"}',
					},
				],
			},
		}),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	const { messages } = server.completions[0].body;
	expect(messages.map((message: { role: string }) => message.role)).toEqual([
		'system',
		'user',
		'assistant',
		'user',
		'assistant',
		'user',
	]);
	expect(imageUrlOf(messages[1].content[1])).toBe('https://example.com/red-shoe.jpg');
	expect(messages[2].content).toBe('{"category":"shoes","color":"red"}');
	expect(decodeDataUrl(imageUrlOf(messages[3].content[1])).bytes).toEqual(exampleImage);
	expect(messages[4].content).toBe('{"category":"bags","color":"blue"}');
	// The item's own message is last: its prompt and its image only (Binary Property Names: data).
	expect(messages[5].content).toHaveLength(2);
	expect(messages[5].content[0]).toEqual({ type: 'text', text: 'Category and color as JSON' });
	expect(decodeDataUrl(imageUrlOf(messages[5].content[1])).bytes).toEqual(itemImage);
});

test('an example without an answer fails before anything is sent, as a mistake in the settings', async () => {
	const result = await runVisionChat({
		items: [item(), item()],
		parameters: visionParameters({
			examples: {
				example: [{ imageSource: 'url', imageUrl: 'https://example.com/a.jpg', answer: '' }],
			},
		}),
		credentials: credentialsFor(server),
	});
	expect(result.error.message).toBe('Examples (example 1): has no Expected Answer');
	expect(server.requests).toHaveLength(0);
});

test('Messages mode sends the chat from an expression, its binary: images resolved from each item', async () => {
	const messages = [
		{ role: 'system', content: 'Answer in one word.' },
		{ role: 'user', content: 'What shape is on the first picture?' },
		{ role: 'assistant', content: 'Circle.' },
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'And here, for {{ $json.sku }}?' },
				{ type: 'image_url', image_url: { url: 'binary:data', detail: 'high' } },
				{ type: 'image_url', image_url: { url: 'https://example.com/b.png' } },
			],
		},
	];
	const result = await runVisionChat({
		items: [item({ sku: 'A-1' }), item({ sku: 'B-2' })],
		parameters: visionParameters({
			inputMode: 'messages',
			messages: `=${JSON.stringify(messages, null, 1)}`,
			imageDetail: 'low',
		}),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(2);
	const sent = server.completions.map(({ body }) => body.messages);
	expect(sent.map((chat) => chat[3].content[0].text).sort()).toEqual([
		'And here, for A-1?',
		'And here, for B-2?',
	]);
	for (const chat of sent) {
		expect(chat.slice(0, 3)).toEqual(messages.slice(0, 3));
		expect(decodeDataUrl(imageUrlOf(chat[3].content[1])).bytes).toEqual(itemImage);
		expect(chat[3].content[1].image_url.detail).toBe('high');
		expect(chat[3].content[2].image_url).toEqual({
			url: 'https://example.com/b.png',
			detail: 'low',
		});
	}
});

test('Messages naming a binary property an item lacks fail that item only, saying which', async () => {
	const messages = [
		{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'binary:data' } }] },
	];
	const result = await runVisionChat({
		items: [item(), { json: {} }],
		parameters: visionParameters({
			inputMode: 'messages',
			messages: `=${JSON.stringify(messages, null, 1)}`,
		}),
		credentials: credentialsFor(server),
		continueOnFail: true,
	});
	expect(result.items[0].json.content).toBeDefined();
	expect(result.items[1].json.error).toBe(
		'Messages: message 1 names "binary:data", but the item has no binary property "data" [item 1]',
	);
	expect(server.completions).toHaveLength(1);
});
