import type { ItemReader } from '../itemReader';

import { inputError } from '../errors/itemErrors';
import type { ImageSource } from '../item/imageSources';
import { tooLarge } from '../item/imageSources';
import { sniffImageType } from '../parameters/imageType';
import type { InlineImage } from './jsonBody';

/**
 * One item's images as the API receives them: URLs as they are; binary images read through
 * n8n's helper (it works in every binary-data mode) and checked by their first bytes, to be sent
 * inline as data URLs.
 */
export async function loadImages(
	context: ItemReader,
	sources: ImageSource[],
	maxImageBytes: number,
): Promise<Array<string | InlineImage>> {
	const images: Array<string | InlineImage> = [];
	for (const source of sources) {
		if ('url' in source) {
			images.push(source.url);
			continue;
		}
		const name = source.binaryProperty;
		const bytes = await context.helpers.getBinaryDataBuffer(name);
		if (bytes.length > maxImageBytes) {
			throw inputError(context, {
				field: 'Binary Property Names',
				message: tooLarge(name, bytes.length, maxImageBytes),
			});
		}
		const mimeType = sniffImageType(bytes);
		if (!mimeType) {
			const { fileName } = context.getInputData().binary![name];
			throw inputError(context, {
				field: 'Binary Property Names',
				message: `binary property "${name}"${fileName ? ` (${fileName})` : ''} is not a PNG, JPEG, WEBP or GIF image (its first bytes say otherwise)`,
			});
		}
		images.push({ mimeType, bytes });
	}
	return images;
}
