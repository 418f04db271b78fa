import type { IBinaryKeyData, IExecuteSingleFunctions } from 'n8n-workflow';

import { forItem } from '../failures/itemErrors';
import { checkParameter, InputProblem } from '../failures/problems';
import { isDeclaredNonImage } from './imageType';
import { parseImageUrls, splitList } from './imageUrls';

export type ImageSource = { binaryProperty: string } | { url: string };

/**
 * Pure: which images one item sends, in order: its binary images, then the URLs. Refuses what
 * can be refused without reading any bytes.
 */
export function resolveImageSources(
	binaryImages: string,
	binaryPropertyNames: unknown,
	imageUrls: unknown,
	binary: IBinaryKeyData | undefined,
	maxImageBytes: number,
): ImageSource[] {
	const available = Object.keys(binary ?? {});
	let names: string[] = [];
	if (binaryImages === 'all') {
		names = available;
		if (names.length === 0) {
			throw new InputProblem(
				'Binary Images',
				'the item has no binary data (All Binary Properties is selected)',
			);
		}
	} else if (binaryImages === 'properties') {
		names = splitList(binaryPropertyNames);
		for (const name of names) {
			if (!available.includes(name)) {
				const has = available.length
					? `it has ${available.map((n) => `"${n}"`).join(', ')}`
					: 'it has no binary data';
				throw new InputProblem(
					'Binary Property Names',
					`the item has no binary property "${name}"; ${has}`,
				);
			}
		}
	}
	for (const name of names) {
		const data = binary![name];
		if (isDeclaredNonImage(data.mimeType)) {
			throw new InputProblem(
				'Binary Property Names',
				`binary property "${name}"${data.fileName ? ` (${data.fileName})` : ''} is ${data.mimeType}, not an image (PNG, JPEG, WEBP or GIF)`,
			);
		}
		const bytes = Number(data.bytes);
		if (Number.isFinite(bytes) && bytes > maxImageBytes) {
			throw new InputProblem('Binary Property Names', tooLarge(name, bytes, maxImageBytes));
		}
	}
	return [
		...names.map((binaryProperty) => ({ binaryProperty })),
		...checkParameter('imageUrls', () => parseImageUrls(imageUrls)).map((url) => ({ url })),
	];
}

export function tooLarge(name: string, bytes: number, maxImageBytes: number): string {
	const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
	return `binary property "${name}" is ${mb(bytes)}, over the Max Image Size of ${mb(maxImageBytes)}`;
}

/**
 * Whether the node runs as an AI Agent's tool: n8n then names its type `...visionChatTool`, and
 * the item holds only what the agent's model passed, never binary data.
 */
export function runsAsTool(context: IExecuteSingleFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** The image sources of the current item, from the node's parameters. */
export function itemImageSources(
	context: IExecuteSingleFunctions,
	maxImageBytes: number,
): ImageSource[] {
	// A tool's images come from URLs; its binary fields are hidden in the editor.
	const binaryImages = runsAsTool(context)
		? 'none'
		: (context.getNodeParameter('binaryImages', 'properties') as string);
	return forItem(context, () =>
		resolveImageSources(
			binaryImages,
			context.getNodeParameter('binaryPropertyNames', 'data'),
			context.getNodeParameter('imageUrls', ''),
			context.getInputData().binary,
			maxImageBytes,
		),
	);
}
