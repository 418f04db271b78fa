import type { IDataObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { forItem, inputError } from '../errors/itemErrors';
import { checkParameter } from '../errors/problems';
import { readAnswerFormat } from './answerFormat';
import { documentOptions } from './documentOptions';
import type { DocumentOptions } from './documentOptions';
import type { AnswerFormat } from './answerFormat';
import { readBodyFields } from './bodyFields';
import { itemImageSources } from './imageSources';
import type { FileLimits, ImageSource } from './imageSources';
import { readExamples } from './examples';
import { promptTurns } from './messages';
import type { ImageDetail, Turn } from './messages';
import { parseMessages } from './messagesParameter';
import { readRequestSettings } from './settings';
import type { Deadline, RequestSettings } from './settings';

/** Everything one item sends, read and checked before it waits for a slot; no image is read yet. */
export interface PreparedItem {
	settings: RequestSettings;
	/** The body's fields apart from the messages (see bodyFields.ts). */
	bodyFields: IDataObject;
	/** What the answer must be, and how it is read (answerFormat.ts). */
	answer: AnswerFormat;
	/** Every image the request carries, in the order its messages take them. */
	sources: ImageSource[];
	/** Whether any image goes by URL, for the words of a refusal (see errors/quirks.ts). */
	sendsImageUrls: boolean;
	/** The bytes of its binary images, as their metadata says (0 where it does not). */
	imageBytes: number;
	/** The chat: turns built from the prompt, or the user's own messages (Messages mode). */
	chat: { turns: Turn[] } | { messages: IDataObject[] };
	detail: ImageDetail;
	/** How long one attempt may take, and the setting that says so. */
	deadline: Deadline;
	/** How its PDF documents go out (body/documentParts.ts). */
	documents: DocumentOptions;
}

/**
 * The item read and checked; `routed` holds the body fields the parameters' routing gives (n8n's
 * RoutingNode builds them for Vision Chat, descriptions/routedFields.ts for a batch line).
 */
export function prepareItem(context: ItemReader, routed: IDataObject): PreparedItem {
	const settings = readRequestSettings(context);
	const answer = forItem(context, () => readAnswerFormat(context));
	const bodyFields = forItem(context, () => readBodyFields(context, answer, routed));
	const { sources, chat, sendsImageUrls } = readChat(context, settings, answer);
	// n8n's own Settings > Request Options > Timeout, when the user added it, takes the place of
	// Request Timeout: the user set it last, and two deadlines would be one too many.
	const { timeout } = context.getNodeParameter('requestOptions', {}) as IDataObject;
	const deadline: Deadline = timeout
		? { ms: Number(timeout), setting: 'Settings > Request Options > Timeout' }
		: { ms: settings.timeoutMs, setting: 'Options > Request Timeout' };
	return {
		settings,
		bodyFields,
		answer,
		sources,
		sendsImageUrls,
		imageBytes: binaryImageBytes(context, sources),
		chat,
		detail: context.getNodeParameter('imageDetail', 'auto') as ImageDetail,
		deadline,
		documents: documentOptions(context.getNodeParameter('options', {}) as IDataObject),
	};
}

/** The item's chat and the images it carries, checked; no image is read yet. */
function readChat(
	context: ItemReader,
	limits: FileLimits,
	answer: AnswerFormat,
): Pick<PreparedItem, 'sources' | 'chat' | 'sendsImageUrls'> {
	const binary = context.getInputData().binary;
	if (context.getNodeParameter('inputMode', 'prompt') === 'messages') {
		const { messages, sources, sendsImageUrls } = forItem(context, () =>
			checkParameter('messages', () =>
				parseMessages(context.getNodeParameter('messages', '[]'), binary),
			),
		);
		return { sources, chat: { messages }, sendsImageUrls };
	}
	const itemSources = itemImageSources(context, limits);
	const prompt = String(context.getNodeParameter('prompt', '') ?? '');
	if (prompt.trim() === '' && itemSources.length === 0) {
		throw inputError(context, { field: 'Prompt', message: 'is empty and the item sends no image' });
	}
	const examples = forItem(context, () =>
		checkParameter('examples', () =>
			readExamples(context.getNodeParameter('examples', {}), binary, answer),
		),
	);
	const systemMessage = String(context.getNodeParameter('systemMessage', '') ?? '');
	const sources = [...examples.sources, ...itemSources];
	return {
		sources,
		sendsImageUrls: sources.some((source) => 'url' in source),
		chat: { turns: promptTurns(systemMessage, examples.answers, prompt, itemSources.length) },
	};
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
