import { requestOptions } from '../../nodes/VisionChat/descriptions/options';
import { REQUEST_OPTION_DEFAULTS } from '../../nodes/VisionChat/request/settings';
import { sniffImageType, isDeclaredNonImage } from '../../nodes/VisionChat/request/imageType';
import { resolveImageSources } from '../../nodes/VisionChat/request/imageSources';
import { InputProblem } from '../../nodes/VisionChat/failures/problems';
import { encodeJsonBody, placeInlineImages } from '../../nodes/VisionChat/request/jsonBody';
import { buildMessages } from '../../nodes/VisionChat/request/messages';
import { networkCause } from '../../nodes/VisionChat/failures/networkCause';
import { retryAfterMs, retryDelayMs } from '../../nodes/VisionChat/failures/retry';
import { parseImageUrls, splitList } from '../../nodes/VisionChat/request/imageUrls';
import { parseLogitBias } from '../../nodes/VisionChat/request/logitBias';
import { checkRange } from '../../nodes/VisionChat/request/numberRanges';
import { buildJsonSchemaFormat } from '../../nodes/VisionChat/request/responseFormat';
import { gifBytes, jpegOfSize, makePng, pdfBytes, webpBytes } from '../support/images';

describe('retryAfterMs', () => {
	const now = Date.parse('2026-11-25T12:00:00Z');
	test.each([
		[{ 'Retry-After': '3' }, 3000],
		[{ 'retry-after': '0.5' }, 500],
		[{ 'retry-after-ms': '250' }, 250],
		[{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
		[{ 'Retry-After': 'Wed, 25 Nov 2026 12:00:07 GMT' }, 7000],
		[{ 'Retry-After': 'Wed, 25 Nov 2026 11:00:00 GMT' }, 0],
		[{ 'Retry-After': 'soon' }, undefined],
		[{}, undefined],
		[undefined, undefined],
	])('%j -> %s', (headers, expected) => expect(retryAfterMs(headers, now)).toBe(expected));
});

describe('retryDelayMs', () => {
	test("the API's wish wins, capped at the maximum wait", () => {
		expect(retryDelayMs(0, 3000, 60_000)).toBe(3000);
		expect(retryDelayMs(0, 90_000, 60_000)).toBe(60_000);
	});
	test('otherwise exponential from 1 s with jitter between half and full', () => {
		expect(retryDelayMs(0, undefined, 60_000, () => 0)).toBe(500);
		expect(retryDelayMs(0, undefined, 60_000, () => 1)).toBe(1000);
		expect(retryDelayMs(3, undefined, 60_000, () => 1)).toBe(8000);
		expect(retryDelayMs(10, undefined, 60_000, () => 1)).toBe(60_000);
	});
});

describe('networkCause', () => {
	test('reads the code from a cause chain (n8n versions that keep the client error)', () => {
		const axiosError = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
		expect(networkCause({ message: 'wrapped', cause: axiosError })).toEqual({
			code: 'ECONNRESET',
			detail: 'read ECONNRESET',
		});
	});
	test('reads the client words n8n keeps in messages', () => {
		expect(
			networkCause({
				message: 'The connection was aborted, perhaps the server is offline',
				messages: ['timeout of 500ms exceeded'],
			}),
		).toEqual({
			code: 'ECONNABORTED',
			detail: 'timeout of 500ms exceeded',
		});
		expect(networkCause({ message: 'x', messages: ['connect ECONNREFUSED 127.0.0.1:9'] })).toEqual({
			code: 'ECONNREFUSED',
			detail: 'connect ECONNREFUSED 127.0.0.1:9',
		});
	});
	test('is undefined for other errors', () =>
		expect(networkCause(new Error('Cannot read properties of undefined'))).toBeUndefined());
});

describe('images', () => {
	test('sniffImageType knows PNG, JPEG, WEBP and GIF by their first bytes', () => {
		expect(sniffImageType(makePng())).toBe('image/png');
		expect(sniffImageType(jpegOfSize(10))).toBe('image/jpeg');
		expect(sniffImageType(webpBytes)).toBe('image/webp');
		expect(sniffImageType(gifBytes)).toBe('image/gif');
		expect(sniffImageType(pdfBytes)).toBeUndefined();
		expect(sniffImageType(Buffer.alloc(0))).toBeUndefined();
	});
	test('isDeclaredNonImage lets untyped binaries through to the byte check', () => {
		expect(isDeclaredNonImage('application/pdf')).toBe(true);
		expect(isDeclaredNonImage('text/plain; charset=utf-8')).toBe(true);
		expect(isDeclaredNonImage('application/octet-stream')).toBe(false);
		expect(isDeclaredNonImage(undefined)).toBe(false);
		expect(isDeclaredNonImage('image/heic')).toBe(false);
	});
	test('resolveImageSources: binaries in the order named, then URLs; checks names, type and declared size', () => {
		const binary = {
			a: { data: '', mimeType: 'image/png' },
			b: { data: '', mimeType: 'image/jpeg', bytes: 5000 },
		};
		expect(
			resolveImageSources('properties', 'b, a', 'https://x.test/1.png', binary, 10_000),
		).toEqual([{ binaryProperty: 'b' }, { binaryProperty: 'a' }, { url: 'https://x.test/1.png' }]);
		expect(resolveImageSources('all', '', '', binary, 10_000)).toEqual([
			{ binaryProperty: 'a' },
			{ binaryProperty: 'b' },
		]);
		expect(resolveImageSources('none', 'a', '', binary, 10_000)).toEqual([]);
		expect(() => resolveImageSources('properties', 'c', '', binary, 10_000)).toThrow(
			'the item has no binary property "c"; it has "a", "b"',
		);
		expect(() => resolveImageSources('properties', 'b', '', binary, 1000)).toThrow(
			'over the Max Image Size',
		);
		expect(() => resolveImageSources('all', '', '', undefined, 1000)).toThrow(InputProblem);
	});
});

describe('validate', () => {
	test('splitList', () => expect(splitList(['a, b', 'c\nd', ''])).toEqual(['a', 'b', 'c', 'd']));
	test('parseImageUrls splits on new lines and on commas before a scheme only', () => {
		expect(
			parseImageUrls('https://a.test/x,y.jpg, https://b.test/2.png\nhttp://c.test/3.gif'),
		).toEqual(['https://a.test/x,y.jpg', 'https://b.test/2.png', 'http://c.test/3.gif']);
		expect(
			parseImageUrls(['data:image/png;base64,iVBORw0KGgo=', ' https://a.test/1.png ']),
		).toEqual(['data:image/png;base64,iVBORw0KGgo=', 'https://a.test/1.png']);
		expect(parseImageUrls(undefined)).toEqual([]);
		expect(() => parseImageUrls('ftp://a.test/x.png')).toThrow('uses ftp:');
		expect(() => parseImageUrls('www.a.test/x.png')).toThrow('is not a URL');
	});
	test('checkRange', () => {
		expect(checkRange('T', '1.5', 0, 2)).toBe(1.5);
		expect(() => checkRange('T', 2.01, 0, 2)).toThrow('must be between 0 and 2, got 2.01');
		expect(() => checkRange('T', 'abc', 0, 2)).toThrow('must be a number, got "abc"');
	});
	test('parseLogitBias', () => {
		expect(parseLogitBias('{"1": 5, "2": -100}')).toEqual({ 1: 5, 2: -100 });
		expect(parseLogitBias({ 3: '7' })).toEqual({ 3: 7 });
		expect(() => parseLogitBias('nope')).toThrow('is not valid JSON');
		expect(() => parseLogitBias('{"1.5": 1}')).toThrow('not a token ID');
	});
	test('buildJsonSchemaFormat', () => {
		expect(buildJsonSchemaFormat('tags', '{"type":"object"}', undefined)).toEqual({
			type: 'json_schema',
			json_schema: { name: 'tags', schema: { type: 'object' }, strict: true },
		});
		expect(() => buildJsonSchemaFormat('has space', '{}', true)).toThrow(
			'letters, digits, underscores or dashes',
		);
		expect(() => buildJsonSchemaFormat('ok', '[]', true)).toThrow('must be a JSON object');
	});
});

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
		const { urls, placed } = placeInlineImages([
			images[0],
			'https://x.test/a.png',
			images[1],
			images[2],
		]);
		const prompt = 'Ünïcödé "quoted" \\ 画像 🖼️';
		const messages = buildMessages('sys', prompt, urls, 'low');
		const encoded = encodeJsonBody({ model: 'm', messages, temperature: 0.5 }, placed);
		const expected = buildMessages(
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
		expect(placeInlineImages([image, 'https://x.test/a.png', image]).placed).toHaveLength(2);
		expect(placeInlineImages([image]).urls[0]).not.toBe(placeInlineImages([image]).urls[0]);
	});
});

test('the request loop uses the defaults the editor shows for every request option', () => {
	const shown = Object.fromEntries(requestOptions.map((option) => [option.name, option.default]));
	expect(REQUEST_OPTION_DEFAULTS).toEqual(shown);
});
