import { InputProblem } from '../errors/problems';

/** A list given as an array, or as text separated by commas or new lines. */
export function splitList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const parts = Array.isArray(value)
		? value.flatMap((entry) => splitList(entry))
		: String(value).split(/[\n,]/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * Image URLs from an array, or from text separated by new lines or commas. A comma splits only
 * where a new URL (a scheme) follows, so data URLs and URLs with commas in their path stay whole.
 */
export function parseImageUrls(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : [value];
	const urls = entries
		.flatMap((entry) => String(entry ?? '').split(/\n|,(?=\s*[a-z][a-z0-9+.-]*:)/i))
		.map((url) => url.trim())
		.filter((url) => url !== '');
	for (const url of urls) checkImageUrl(url);
	return urls;
}

function checkImageUrl(url: string): void {
	const field = 'Image URLs';
	const shown = url.length > 80 ? `${url.slice(0, 80)}…` : url;
	if (/^data:/i.test(url)) {
		if (
			!/^data:(image\/(png|jpeg|jpg|webp|gif)|application\/pdf);base64,[A-Za-z0-9+/=\s]+$/i.test(
				url,
			)
		) {
			throw new InputProblem(
				field,
				`"${shown}" is not a base64 data URL of a PNG, JPEG, WEBP or GIF image, or of a PDF`,
			);
		}
		return;
	}
	const parsed = URL.canParse(url) ? new URL(url) : undefined;
	if (!parsed) {
		throw new InputProblem(field, `"${shown}" is not a URL: write it with http:// or https://`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new InputProblem(
			field,
			`"${shown}" uses ${parsed.protocol}, only http, https and data: URLs of images or PDFs are allowed`,
		);
	}
}
