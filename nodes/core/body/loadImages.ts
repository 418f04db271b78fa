import type { ItemReader } from '../itemReader';

import { inputError } from '../errors/itemErrors';
import type { FileLimits, ImageSource } from '../item/imageSources';
import { tooLarge } from '../item/imageSources';
import { PDF_MIME_TYPE, isPdf } from '../parameters/documentType';
import { sniffImageType } from '../parameters/imageType';
import type { InlineImage } from './jsonBody';

/**
 * One item's images and documents as the API receives them: URLs as they are; binary files read
 * through n8n's helper (it works in every binary-data mode) and checked by their first bytes (a
 * PNG, JPEG, WEBP or GIF image, or a PDF), to be sent inline as data URLs.
 */
export async function loadImages(
	context: ItemReader,
	sources: ImageSource[],
	limits: FileLimits,
): Promise<Array<string | InlineImage>> {
	const images: Array<string | InlineImage> = [];
	for (const source of sources) {
		if ('url' in source) {
			images.push(source.url);
			continue;
		}
		const name = source.binaryProperty;
		const bytes = await context.helpers.getBinaryDataBuffer(name);
		const { fileName } = context.getInputData().binary![name];
		const pdf = isPdf(bytes);
		const limit = pdf ? limits.maxDocumentBytes : limits.maxImageBytes;
		if (bytes.length > limit) {
			throw inputError(context, {
				field: 'Binary Property Names',
				message: tooLarge(name, bytes.length, limit, pdf),
			});
		}
		const mimeType = pdf ? PDF_MIME_TYPE : sniffImageType(bytes);
		if (!mimeType) {
			throw inputError(context, {
				field: 'Binary Property Names',
				message: `binary property "${name}"${fileName ? ` (${fileName})` : ''} is not a PNG, JPEG, WEBP or GIF image, or a PDF (its first bytes say otherwise)`,
			});
		}
		images.push({ mimeType, bytes, fileName: fileName ?? (pdf ? `${name}.pdf` : name) });
	}
	return images;
}
