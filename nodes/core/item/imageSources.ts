import type { IBinaryKeyData } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { forItem } from '../errors/itemErrors';
import { checkParameter, InputProblem } from '../errors/problems';
import { isDeclaredPdf } from '../parameters/documentType';
import { isDeclaredNonImage } from '../parameters/imageType';
import { parseImageUrls, splitList } from '../parameters/imageUrls';

export type ImageSource = { binaryProperty: string } | { url: string };

/** Binary Images and Binary Property Names as the node has them. */
export interface BinarySelection {
	binaryImages: string;
	binaryPropertyNames: unknown;
}

/** The binary property n8n's nodes put a file in, sent when no name is given. */
const DEFAULT_BINARY_PROPERTY = 'data';

/**
 * Pure: which images one item sends, in order: its binary images, then the URLs. Refuses what
 * can be refused without reading any bytes but their size (checkDeclaredSizes, with the limits).
 */
export function resolveImageSources(
	selection: BinarySelection,
	imageUrls: unknown,
	binary: IBinaryKeyData | undefined,
): ImageSource[] {
	const urls = checkParameter('imageUrls', () => parseImageUrls(imageUrls));
	const names = binaryNames(selection, Object.keys(binary ?? {}), urls.length > 0);
	for (const name of names) {
		const data = binary![name];
		if (!isDeclaredPdf(data.mimeType) && isDeclaredNonImage(data.mimeType)) {
			throw new InputProblem(
				'Binary Property Names',
				`binary property "${name}"${data.fileName ? ` (${data.fileName})` : ''} is ${data.mimeType}, not an image (PNG, JPEG, WEBP or GIF) or a PDF`,
			);
		}
	}
	return [...names.map((binaryProperty) => ({ binaryProperty })), ...urls.map((url) => ({ url }))];
}

/** Pure: refuses a binary file whose declared size is over Max Image Size or Max Document Size. */
export function checkDeclaredSizes(
	sources: ImageSource[],
	binary: IBinaryKeyData | undefined,
	limits: FileLimits,
): void {
	for (const source of sources) {
		if (!('binaryProperty' in source)) continue;
		const name = source.binaryProperty;
		const data = binary?.[name];
		const pdf = isDeclaredPdf(data?.mimeType);
		const bytes = Number(data?.bytes);
		const limit = pdf ? limits.maxDocumentBytes : limits.maxImageBytes;
		if (Number.isFinite(bytes) && bytes > limit) {
			throw new InputProblem('Binary Property Names', tooLarge(name, bytes, limit, pdf));
		}
	}
}

/**
 * Pure: the binary properties the item sends. With no name given, `data` when the item has
 * binary data, and none when it has not, so an item with only Image URLs sends its URLs: the
 * first thing people try. A name the user gave, or binary data under other names, stays an error
 * when the name is missing, as does an item with nothing to send: an answer about the wrong
 * image, or about none, would pass for the answer.
 */
function binaryNames(selection: BinarySelection, available: string[], hasUrls: boolean): string[] {
	if (selection.binaryImages === 'none') return [];
	if (selection.binaryImages === 'all') {
		if (available.length === 0) {
			throw new InputProblem(
				'Binary Images',
				'the item has no binary data (All Binary Properties is selected)',
			);
		}
		return available;
	}
	const given = splitList(selection.binaryPropertyNames);
	if (given.length === 0 && available.length === 0 && hasUrls) return [];
	const names = given.length > 0 ? given : [DEFAULT_BINARY_PROPERTY];
	for (const name of names) {
		if (available.includes(name)) continue;
		const has = available.length
			? `it has ${available.map((n) => `"${n}"`).join(', ')}`
			: hasUrls
				? 'it has no binary data'
				: 'it has no binary data and no Image URLs (set Image URLs, or Binary Images > None to send the prompt alone)';
		throw new InputProblem(
			'Binary Property Names',
			`the item has no binary property "${name}"; ${has}`,
		);
	}
	return names;
}

export function tooLarge(name: string, bytes: number, limit: number, document = false): string {
	const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
	const setting = document ? 'Max Document Size' : 'Max Image Size';
	return `binary property "${name}" is ${mb(bytes)}, over the ${setting} of ${mb(limit)}`;
}

/** The largest binary image and document an item may send. */
export interface FileLimits {
	maxImageBytes: number;
	maxDocumentBytes: number;
}

/**
 * Whether the node runs as an AI Agent's tool: n8n then names its type `...Tool`, and the item
 * holds only what the agent's model passed, never binary data.
 */
export function runsAsTool(context: Pick<ItemReader, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** The image sources of the current item, from the node's parameters. */
export function itemImageSources(context: ItemReader): ImageSource[] {
	// A tool's images come from URLs; its binary fields are hidden in the editor.
	const binaryImages = runsAsTool(context)
		? 'none'
		: (context.getNodeParameter('binaryImages', 'properties') as string);
	const selection = {
		binaryImages,
		binaryPropertyNames: context.getNodeParameter('binaryPropertyNames', ''),
	};
	return forItem(context, () =>
		resolveImageSources(
			selection,
			context.getNodeParameter('imageUrls', ''),
			context.getInputData().binary,
		),
	);
}
