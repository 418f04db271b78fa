import { deflateSync } from 'zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/** A real PNG of solid colour, `seed` picking the colour (so each test image differs). */
export function makePng(width = 4, height = 4, seed = 1): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // RGB
	const row = Buffer.alloc(1 + width * 3);
	for (let x = 0; x < width; x++) row.set([(seed * 53) & 255, (seed * 97) & 255, (seed * 193) & 255], 1 + x * 3);
	const raw = Buffer.concat(Array.from({ length: height }, () => row));
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** Bytes of a given size that start like a JPEG (the node checks the first bytes only). */
export function jpegOfSize(bytes: number, seed = 7): Buffer {
	const data = Buffer.alloc(bytes, seed);
	data.set([0xff, 0xd8, 0xff, 0xe0]);
	return data;
}

export const webpBytes = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(24, 1)]);
export const gifBytes = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20, 2)]);
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
export const textBytes = Buffer.from('just some text, not an image\n');

/** The bytes and MIME type a data URL carries. */
export function decodeDataUrl(url: string): { mimeType: string; bytes: Buffer } {
	const match = /^data:([^;]+);base64,(.*)$/s.exec(url);
	if (!match) throw new Error(`not a base64 data URL: ${url.slice(0, 40)}`);
	return { mimeType: match[1], bytes: Buffer.from(match[2], 'base64') };
}
