import { sniffImageType, isDeclaredNonImage } from '../../../../nodes/core/parameters/imageType';
import { checkDeclaredSizes, resolveImageSources } from '../../../../nodes/core/item/imageSources';
import { InputProblem } from '../../../../nodes/core/errors/problems';
import { gifBytes, jpegOfSize, makePng, pdfBytes, webpBytes } from '../../../support/images';

const limits = (bytes: number) => ({ maxImageBytes: bytes, maxDocumentBytes: bytes });

describe('image sources', () => {
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
	const named = (names: string) => ({ binaryImages: 'properties', binaryPropertyNames: names });
	test('resolveImageSources: binaries in the order named, then URLs; checks names, type and declared size', () => {
		const binary = {
			a: { data: '', mimeType: 'image/png' },
			b: { data: '', mimeType: 'image/jpeg', bytes: 5000 },
		};
		expect(resolveImageSources(named('b, a'), 'https://x.test/1.png', binary)).toEqual([
			{ binaryProperty: 'b' },
			{ binaryProperty: 'a' },
			{ url: 'https://x.test/1.png' },
		]);
		const all = { binaryImages: 'all', binaryPropertyNames: '' };
		expect(resolveImageSources(all, '', binary)).toEqual([
			{ binaryProperty: 'a' },
			{ binaryProperty: 'b' },
		]);
		const none = { binaryImages: 'none', binaryPropertyNames: 'a' };
		expect(resolveImageSources(none, '', binary)).toEqual([]);
		expect(() => resolveImageSources(named('c'), '', binary)).toThrow(
			'the item has no binary property "c"; it has "a", "b"',
		);
		expect(() => checkDeclaredSizes([{ binaryProperty: 'b' }], binary, limits(1000))).toThrow(
			'over the Max Image Size',
		);
		expect(() => resolveImageSources(all, '', undefined)).toThrow(InputProblem);
	});
	test('with no name given, an item with only Image URLs sends its URLs; one with binary data sends "data"', () => {
		const url = 'https://x.test/1.png';
		expect(resolveImageSources(named(''), url, undefined)).toEqual([{ url }]);
		expect(resolveImageSources(named(''), url, {})).toEqual([{ url }]);
		const data = { data: { data: '', mimeType: 'image/png' } };
		expect(resolveImageSources(named(''), url, data)).toEqual([
			{ binaryProperty: 'data' },
			{ url },
		]);
	});
	test('a missing property stays an error when named, when the item has other binaries, or has nothing to send', () => {
		const url = 'https://x.test/1.png';
		expect(() => resolveImageSources(named('data'), url, undefined)).toThrow(
			'the item has no binary property "data"; it has no binary data',
		);
		const photo = { photo: { data: '', mimeType: 'image/png' } };
		expect(() => resolveImageSources(named(''), url, photo)).toThrow(
			'the item has no binary property "data"; it has "photo"',
		);
		expect(() => resolveImageSources(named(''), '', undefined)).toThrow(
			'it has no binary data and no Image URLs (set Image URLs, or Binary Images > None to send the prompt alone)',
		);
	});
});
