import type { IDataObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { forItem } from '../errors/itemErrors';
import { checkParameter } from '../errors/problems';
import { nodeOptions } from '../descriptions/options';
import { checkRange } from '../parameters/numberRanges';
import type { AnswerFormat } from './answerFormat';
import { documentOptions } from './documentOptions';
import type { DocumentOptions } from './documentOptions';
import { checkDeclaredSizes } from './imageSources';
import type { ImageSource } from './imageSources';
import type { ItemParts } from './itemParts';
import { requestSettings } from './settings';
import type { Deadline, RequestSettings } from './settings';

/**
 * Everything the transport needs of one item, taken from the request n8n's routing built (its
 * body and the parts its preSends noted) and checked before the item waits for a slot; no image
 * is read yet.
 */
export interface PreparedItem {
	settings: RequestSettings;
	/** The body's fields apart from the messages, as routing and the preSends made them. */
	bodyFields: IDataObject;
	/** The messages, each binary file's part a placeholder until the file is read. */
	messages: IDataObject[];
	/** What the answer must be, and how it is read (answerFormat.ts). */
	answerFormat: AnswerFormat;
	/** Every image the request carries, in the order its messages take them. */
	sources: ImageSource[];
	/** Each source's URL in the messages: the URL, or the placeholder of a binary file. */
	partUrls: string[];
	/** Whether any image goes by URL, for the words of a refusal (see errors/quirks.ts). */
	sendsImageUrls: boolean;
	/** The bytes of its binary images, as their metadata says (0 where it does not). */
	imageBytes: number;
	/** How long one attempt may take, and the setting that says so. */
	deadline: Deadline;
	/** How its PDF documents go out (body/documentParts.ts). */
	documents: DocumentOptions;
	/** The item's Options, read once: the answer steps read them from here. */
	options: IDataObject;
}

const TEXT: AnswerFormat = { json: false, columns: false, notices: [] };

/**
 * The item's request as routing built it (n8n's RoutingNode for Vision Chat,
 * routing/routedFields.ts for a batch line), with the request-handling settings that are not
 * part of the body. A preSend's failure is the item's error from here.
 */
export function prepareItem(
	context: ItemReader,
	request: { body: IDataObject; parts: ItemParts },
): PreparedItem {
	const { parts } = request;
	if (parts.failure !== undefined) throw parts.failure;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const limits = context.getNodeParameter('limits', {}) as IDataObject;
	// Expressions bypass the editor's own limits.
	const settings = requestSettings(options, limits);
	forItem(context, () => {
		checkNumbers('options', options);
		checkNumbers('limits', limits);
		checkDeclaredSizes(parts.sources, context.getInputData().binary, settings);
	});
	const { messages, ...bodyFields } = request.body;
	// n8n's own Settings > Request Options > Timeout, when the user added it, takes the place of
	// Request Timeout: the user set it last, and two deadlines would be one too many.
	const { timeout } = context.getNodeParameter('requestOptions', {}) as IDataObject;
	const deadline: Deadline = timeout
		? { ms: Number(timeout), setting: 'Settings > Request Options > Timeout' }
		: { ms: settings.timeoutMs, setting: 'Options > Request Timeout' };
	return {
		settings,
		bodyFields,
		messages: (messages ?? []) as IDataObject[],
		answerFormat: parts.answerFormat ?? TEXT,
		sources: parts.sources,
		partUrls: parts.partUrls,
		sendsImageUrls: parts.sendsImageUrls,
		imageBytes: binaryImageBytes(context, parts.sources),
		deadline,
		documents: documentOptions(options),
		options,
	};
}

/** Each number the user set in a collection, checked against its field's minValue and maxValue. */
function checkNumbers(collection: string, values: IDataObject): void {
	for (const field of nodeOptions) {
		if (field.type !== 'number' || values[field.name] === undefined) continue;
		checkParameter(`${collection}.${field.name}`, () =>
			checkRange(
				field.displayName,
				values[field.name],
				field.typeOptions?.minValue,
				field.typeOptions?.maxValue,
			),
		);
	}
}

/** What the item's binary images take in memory once read: their size, or their base64 length. */
function binaryImageBytes(context: ItemReader, sources: ImageSource[]): number {
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
