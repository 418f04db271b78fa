import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { forItem, inputError } from '../failures/itemErrors';
import { readBodyFields } from './bodyFields';
import { itemImageSources } from './imageSources';
import type { ImageSource } from './imageSources';
import type { ImageDetail } from './messages';
import { readRequestSettings } from './settings';
import type { RequestSettings } from './settings';

/** Everything one item sends, read and checked before it waits for a slot; no image is read yet. */
export interface PreparedItem {
	settings: RequestSettings;
	/** The body fields routing could not send as they are (see bodyFields.ts). */
	bodyFields: IDataObject;
	sources: ImageSource[];
	/** The bytes of its binary images, as their metadata says (0 where it does not). */
	imageBytes: number;
	systemMessage: string;
	prompt: string;
	detail: ImageDetail;
	/** The request timeout, unless the user set n8n's own Request Options > Timeout (which wins). */
	timeoutMs?: number;
}

export function prepareItem(context: IExecuteSingleFunctions): PreparedItem {
	const settings = readRequestSettings(context);
	const bodyFields = forItem(context, () => readBodyFields(context));
	const sources = itemImageSources(context, settings.maxImageBytes);
	const prompt = String(context.getNodeParameter('prompt', '') ?? '');
	if (prompt.trim() === '' && sources.length === 0) {
		throw inputError(context, { field: 'Prompt', message: 'is empty and the item sends no image' });
	}
	const { timeout } = context.getNodeParameter('requestOptions', {}) as IDataObject;
	return {
		settings,
		bodyFields,
		sources,
		imageBytes: binaryImageBytes(context, sources),
		systemMessage: String(context.getNodeParameter('systemMessage', '') ?? ''),
		prompt,
		detail: context.getNodeParameter('imageDetail', 'auto') as ImageDetail,
		timeoutMs: timeout ? undefined : settings.timeoutMs,
	};
}

/** What the item's binary images take in memory once read: their size, or their base64 length. */
function binaryImageBytes(context: IExecuteSingleFunctions, sources: ImageSource[]): number {
	const binary = context.getInputData().binary ?? {};
	let total = 0;
	for (const source of sources) {
		if (!('binaryProperty' in source)) continue;
		const data = binary[source.binaryProperty];
		const bytes = Number(data?.bytes);
		if (Number.isFinite(bytes)) total += bytes;
		else if (typeof data?.data === 'string') total += Math.floor((data.data.length * 3) / 4);
	}
	return total;
}
