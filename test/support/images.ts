// eslint-disable-next-line @typescript-eslint/no-var-requires
const { encodePng } = require('../../scripts/makeSampleImages');

/** A real PNG of solid colour, `seed` picking the colour (so each test image differs). */
export function makePng(width = 4, height = 4, seed = 1): Buffer {
	const colour = [(seed * 53) & 255, (seed * 97) & 255, (seed * 193) & 255];
	return encodePng(width, height, () => colour);
}

/** Bytes of a given size that start like a JPEG (the node checks the first bytes only). */
export function jpegOfSize(bytes: number, seed = 7): Buffer {
	const data = Buffer.alloc(bytes, seed);
	data.set([0xff, 0xd8, 0xff, 0xe0]);
	return data;
}

export const webpBytes = Buffer.concat([
	Buffer.from('RIFF'),
	Buffer.from([0x24, 0, 0, 0]),
	Buffer.from('WEBPVP8 '),
	Buffer.alloc(24, 1),
]);
export const gifBytes = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20, 2)]);
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
export const textBytes = Buffer.from('just some text, not an image\n');

/** The bytes and MIME type a data URL carries. */
export function decodeDataUrl(url: string): { mimeType: string; bytes: Buffer } {
	const match = /^data:([^;]+);base64,(.*)$/s.exec(url);
	if (!match) throw new Error(`not a base64 data URL: ${url.slice(0, 40)}`);
	return { mimeType: match[1], bytes: Buffer.from(match[2], 'base64') };
}
