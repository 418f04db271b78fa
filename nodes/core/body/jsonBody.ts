import type { IDataObject } from 'n8n-workflow';

import type { PDF_MIME_TYPE } from '../parameters/documentType';
import type { ImageMimeType } from '../parameters/imageType';
import type { ImageSource } from '../item/imageSources';

/** An image, or a PDF document, sent inside the body as a base64 data URL. */
export interface InlineImage {
	mimeType: ImageMimeType | typeof PDF_MIME_TYPE;
	bytes: Buffer;
	/** The file's name, which APIs take beside a document. */
	fileName?: string;
}

// A multiple of 3, so every chunk but the last encodes to base64 without padding.
const BASE64_CHUNK_BYTES = 3 * 16 * 1024;

const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** An inline image and the text that stands in for its data URL until `encodeJsonBody` writes it. */
export interface PlacedImage {
	placeholder: string;
	image: InlineImage;
}

/**
 * Pure but for its random part: each file's URL in the body's image parts: a URL as it is, a
 * binary file a placeholder that `encodeJsonBody` replaces with its data URL once the file is
 * read. The random part keeps a prompt from ever matching a placeholder.
 */
export function partUrlsOf(sources: ImageSource[]): string[] {
	const nonce = `${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
	return sources.map((source, index) =>
		'url' in source ? source.url : `inline-image-${nonce}-${index}`,
	);
}

/** Pure: the files read for the parts (`loadImages`), each inline one with its placeholder. */
export function placeInlineImages(
	images: Array<string | InlineImage>,
	partUrls: string[],
): PlacedImage[] {
	return images.flatMap((image, index) =>
		typeof image === 'string' ? [] : [{ placeholder: partUrls[index], image }],
	);
}

/**
 * The body as the bytes of its JSON text, with each placeholder replaced by its image's data URL.
 * The images are base64-encoded in small chunks straight into the result: no string of a whole
 * image, no second copy of the JSON text, and nothing left for the HTTP client to serialise.
 */
export function encodeJsonBody(body: IDataObject, placed: PlacedImage[]): Buffer {
	const text = JSON.stringify(body);
	const pieces: Array<{ text: string } | { image: InlineImage; prefix: string }> = [];
	let size = 0;
	let from = 0;
	for (const { placeholder, image } of placed) {
		const at = text.indexOf(placeholder, from);
		if (at < 0) throw new Error(`encodeJsonBody: placeholder ${placeholder} is not in the body`);
		const before = text.slice(from, at);
		const prefix = `data:${image.mimeType};base64,`;
		pieces.push({ text: before }, { image, prefix });
		size += Buffer.byteLength(before) + prefix.length + base64Length(image.bytes.length);
		from = at + placeholder.length;
	}
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
		offset += encoded.write(piece.prefix, offset, 'latin1');
		for (let start = 0; start < bytes.length; start += BASE64_CHUNK_BYTES) {
			offset += encoded.write(
				bytes.subarray(start, start + BASE64_CHUNK_BYTES).toString('base64'),
				offset,
				'latin1',
			);
		}
	}
	return encoded;
}
