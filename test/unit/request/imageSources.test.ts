import { sniffImageType, isDeclaredNonImage } from '../../../nodes/VisionChat/request/imageType';
import { resolveImageSources } from '../../../nodes/VisionChat/request/imageSources';
import { InputProblem } from '../../../nodes/VisionChat/failures/problems';
import { gifBytes, jpegOfSize, makePng, pdfBytes, webpBytes } from '../../support/images';

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
