import { buildMessages } from '../../../nodes/VisionChat/request/messages';

describe('buildMessages', () => {
	test('system first, text part first, images in order with detail', () => {
		expect(buildMessages('sys', 'hi', ['u1', 'u2'], 'low')).toEqual([
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
		expect(buildMessages('', '', ['u'], 'auto')).toEqual([
			{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'u', detail: 'auto' } }] },
		]);
		expect(buildMessages(' ', 'hi', [], 'auto')).toEqual([{ role: 'user', content: 'hi' }]);
	});
});
