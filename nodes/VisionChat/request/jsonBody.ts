import type { IDataObject } from 'n8n-workflow';

import type { ImageMimeType } from './imageType';

/** An image sent inside the body as a base64 data URL. */
export interface InlineImage {
	mimeType: ImageMimeType;
	bytes: Buffer;
}

// A multiple of 3, so every chunk but the last encodes to base64 without padding.
const BASE64_CHUNK_BYTES = 3 * 16 * 1024;

const dataUrlPrefix = (image: InlineImage) => `data:${image.mimeType};base64,`;

const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/**
 * Stands in for the data URL of `images[index]` in the body until `encodeJsonBody` writes it.
 * The random part keeps a prompt from ever matching it.
 */
export function inlineImagePlaceholders(count: number): string[] {
	const nonce = `${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
	return Array.from({ length: count }, (_, index) => `inline-image-${nonce}-${index}`);
}

/**
 * The body as the bytes of its JSON text, with each placeholder replaced by its image's data URL.
 * The images are base64-encoded in small chunks straight into the result: no string of a whole
 * image, no second copy of the JSON text, and nothing left for the HTTP client to serialise.
 */
export function encodeJsonBody(body: IDataObject, placeholders: string[], images: InlineImage[]): Buffer {
	const text = JSON.stringify(body);
	const pieces: Array<{ text: string } | { image: InlineImage }> = [];
	let size = 0;
	let from = 0;
	placeholders.forEach((placeholder, index) => {
		const at = text.indexOf(placeholder, from);
		if (at < 0) throw new Error(`encodeJsonBody: placeholder ${index} is not in the body`);
		const before = text.slice(from, at);
		pieces.push({ text: before }, { image: images[index] });
		size += Buffer.byteLength(before) + dataUrlPrefix(images[index]).length + base64Length(images[index].bytes.length);
		from = at + placeholder.length;
	});
	const rest = text.slice(from);
	pieces.push({ text: rest });
	size += Buffer.byteLength(rest);

	const encoded = Buffer.allocUnsafe(size);
	let offset = 0;
	for (const piece of pieces) {
		if ('text' in piece) {
			offset += encoded.write(piece.text, offset, 'utf8');
			continue;
		}
		const { bytes } = piece.image;
		offset += encoded.write(dataUrlPrefix(piece.image), offset, 'latin1');
		for (let start = 0; start < bytes.length; start += BASE64_CHUNK_BYTES) {
			offset += encoded.write(bytes.subarray(start, start + BASE64_CHUNK_BYTES).toString('base64'), offset, 'latin1');
		}
	}
	return encoded;
}
