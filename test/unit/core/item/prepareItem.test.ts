import { prepareItem } from '../../../../nodes/core/item/prepareItem';
import { makePng } from '../../../support/images';
import { fakeItemReader, routedOf } from '../fakeItemReader';

/** The item as the node prepares it: its parameters, and the body fields they route. */
const prepared = (reader: ReturnType<typeof fakeItemReader>) =>
	prepareItem(reader, routedOf(reader));

const model = { __rl: true, mode: 'id', value: 'gpt-4o-mini' };
const png = makePng(2, 2, 1);
const withImage = {
	data: { data: '', mimeType: 'image/png', fileName: 'a.png', bytes: String(png.length) },
};

test('an item with a prompt, a binary image and a URL: its chat, its sources in order, their bytes, its deadline', () => {
	const item = prepared(
		fakeItemReader({
			values: {
				model,
				prompt: 'Tag it',
				imageUrls: 'https://x.test/b.png',
				options: { timeout: 30 },
			},
			binary: withImage as never,
		}),
	);
	expect(item.sources).toEqual([{ binaryProperty: 'data' }, { url: 'https://x.test/b.png' }]);
	expect(item.sendsImageUrls).toBe(true);
	expect(item.imageBytes).toBe(png.length);
	expect(item.deadline).toEqual({ ms: 30_000, setting: 'Options > Request Timeout' });
	expect(item.bodyFields).toEqual({ model: 'gpt-4o-mini' });
	// The binary image is a placeholder until the item holds a slot; the URL is itself.
	expect(item.partUrls).toEqual([expect.stringMatching(/^inline-image-/), 'https://x.test/b.png']);
	expect(item.messages).toEqual([
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'Tag it' },
				{ type: 'image_url', image_url: { url: item.partUrls[0], detail: 'auto' } },
				{ type: 'image_url', image_url: { url: 'https://x.test/b.png', detail: 'auto' } },
			],
		},
	]);
});

test("n8n's own Request Options > Timeout, when added, is the deadline and is named as such", () => {
	const item = prepared(
		fakeItemReader({
			values: { model, prompt: 'Hi', binaryImages: 'none', requestOptions: { timeout: 5000 } },
		}),
	);
	expect(item.deadline).toEqual({ ms: 5000, setting: 'Settings > Request Options > Timeout' });
});

test('Messages mode: the binary images its parts name, and whether any image goes by URL', () => {
	const messages = JSON.stringify([
		{
			role: 'user',
			content: [
				{ type: 'image_url', image_url: { url: 'binary:data' } },
				{ type: 'image_url', image_url: { url: 'https://x.test/c.png' } },
			],
		},
	]);
	const item = prepared(
		fakeItemReader({
			values: { model, inputMode: 'messages', messages },
			binary: withImage as never,
		}),
	);
	expect(item.sources).toEqual([{ binaryProperty: 'data' }]);
	expect(item.sendsImageUrls).toBe(true);
	expect(item.messages[0].content).toEqual([
		{ type: 'image_url', image_url: { url: item.partUrls[0], detail: 'auto' } },
		{ type: 'image_url', image_url: { url: 'https://x.test/c.png', detail: 'auto' } },
	]);
});

test("nothing to send is the item's error before anything is read", () => {
	expect(() =>
		prepared(
			fakeItemReader({ values: { model, prompt: ' ', binaryImages: 'none' }, itemIndex: 4 }),
		),
	).toThrow('Prompt: is empty and the item sends no image [item 4]');
});
