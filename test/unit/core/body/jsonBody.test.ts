import { encodeJsonBody } from '../../../../nodes/core/body/jsonBody';
import { place } from './placeImages';

import { buildMessages, promptTurns } from '../../../../nodes/core/item/messages';

const promptMessages = (system: string, prompt: string, urls: string[], detail: 'low') =>
	buildMessages(promptTurns(system, [], prompt, urls.length), urls, detail);

describe('encodeJsonBody', () => {
	const imageOf = (length: number, seed: number) =>
		Buffer.from(Array.from({ length }, (_, index) => (index * 31 + seed) % 256));

	test('writes each image as a data URL where its placeholder stands, and nothing else', () => {
		// Lengths around the 48 KB chunk and not multiples of 3, so padding and chunk ends are both hit.
		const images = [
			{ mimeType: 'image/gif' as const, bytes: imageOf(49_153, 1) },
			{ mimeType: 'image/png' as const, bytes: imageOf(2, 7) },
			{ mimeType: 'image/jpeg' as const, bytes: Buffer.alloc(0) },
		];
		const { urls, placed } = place([images[0], 'https://x.test/a.png', images[1], images[2]]);
		const prompt = 'Ünïcödé "quoted" \\ 画像 🖼️';
		const messages = promptMessages('sys', prompt, urls, 'low');
		const encoded = encodeJsonBody({ model: 'm', messages, temperature: 0.5 }, placed);
		const expected = promptMessages(
			'sys',
			prompt,
			[
				`data:image/gif;base64,${images[0].bytes.toString('base64')}`,
				'https://x.test/a.png',
				`data:image/png;base64,${images[1].bytes.toString('base64')}`,
				'data:image/jpeg;base64,',
			],
			'low',
		);
		// JSON.parse fails on any byte the size was off by (the buffer is allocated unfilled).
		expect(JSON.parse(encoded.toString('utf8'))).toEqual({
			model: 'm',
			messages: expected,
			temperature: 0.5,
		});
	});

	test('a body without inline images is its JSON text', () => {
		const body = { model: 'm', messages: [{ role: 'user', content: 'hi ✓' }] };
		expect(encodeJsonBody(body, []).toString('utf8')).toBe(JSON.stringify(body));
	});

	test('placeholders differ between calls, so a prompt cannot hold the next one', () => {
		const image = { mimeType: 'image/png' as const, bytes: Buffer.alloc(1) };
		expect(place([image, 'https://x.test/a.png', image]).placed).toHaveLength(2);
		expect(place([image]).urls[0]).not.toBe(place([image]).urls[0]);
	});
});
