import { partUrlsOf, placeInlineImages } from '../../../../nodes/core/body/jsonBody';
import type { InlineImage } from '../../../../nodes/core/body/jsonBody';

/** Each file's part URL (a placeholder for an inline one), and the inline ones placed. */
export function place(images: Array<string | InlineImage>) {
	const urls = partUrlsOf(
		images.map((image) => (typeof image === 'string' ? { url: image } : { binaryProperty: 'x' })),
	);
	return { urls, placed: placeInlineImages(images, urls) };
}
