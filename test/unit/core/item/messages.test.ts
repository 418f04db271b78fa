import { buildMessages, promptTurns } from '../../../../nodes/core/item/messages';

const promptMessages = (system: string, prompt: string, urls: string[], detail: 'low' | 'auto') =>
	buildMessages(promptTurns(system, [], prompt, urls.length), urls, detail);

describe('the messages of one item', () => {
	test('system first, text part first, images in order with detail', () => {
		expect(promptMessages('sys', 'hi', ['u1', 'u2'], 'low')).toEqual([
			{ role: 'system', content: 'sys' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'hi' },
					{ type: 'image_url', image_url: { url: 'u1', detail: 'low' } },
					{ type: 'image_url', image_url: { url: 'u2', detail: 'low' } },
				],
			},
		]);
	});
	test('images without prompt, and a prompt without images as plain text', () => {
		expect(promptMessages('', '', ['u'], 'auto')).toEqual([
			{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'u', detail: 'auto' } }] },
		]);
		expect(promptMessages(' ', 'hi', [], 'auto')).toEqual([{ role: 'user', content: 'hi' }]);
	});
	test('examples come between the system message and the item: their image, then the answer', () => {
		const turns = promptTurns('sys', ['red', 'blue'], 'Color?', 1);
		expect(buildMessages(turns, ['e1', 'e2', 'item'], 'low')).toEqual([
			{ role: 'system', content: 'sys' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Color?' },
					{ type: 'image_url', image_url: { url: 'e1', detail: 'low' } },
				],
			},
			{ role: 'assistant', content: 'red' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Color?' },
					{ type: 'image_url', image_url: { url: 'e2', detail: 'low' } },
				],
			},
			{ role: 'assistant', content: 'blue' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Color?' },
					{ type: 'image_url', image_url: { url: 'item', detail: 'low' } },
				],
			},
		]);
	});
});
