import type { IExecuteSingleFunctions } from 'n8n-workflow';

import type { ImageSource } from './imageSources';
import { tooLarge } from './imageSources';
import { itemInputError } from './inputProblem';
import { sniffImageType, toDataUrl } from './imageType';

/**
 * The URLs the API receives for one item's images: binary images are read through n8n's helper
 * (it works in every binary-data mode), checked by their first bytes and sent as data URLs.
 */
export async function loadImageUrls(
	context: IExecuteSingleFunctions,
	sources: ImageSource[],
	maxImageBytes: number,
): Promise<string[]> {
	const urls: string[] = [];
	for (const source of sources) {
		if ('url' in source) {
			urls.push(source.url);
			continue;
		}
		const name = source.binaryProperty;
		const bytes = await context.helpers.getBinaryDataBuffer(name);
		if (bytes.length > maxImageBytes) {
			throw itemInputError(context, {
				field: 'Binary Property Names',
				message: tooLarge(name, bytes.length, maxImageBytes),
			});
		}
		const mimeType = sniffImageType(bytes);
		if (!mimeType) {
			const { fileName } = context.getInputData().binary![name];
			throw itemInputError(context, {
				field: 'Binary Property Names',
				message: `binary property "${name}"${fileName ? ` (${fileName})` : ''} is not a PNG, JPEG, WEBP or GIF image (its first bytes say otherwise)`,
			});
		}
		urls.push(toDataUrl(mimeType, bytes));
	}
	return urls;
}
