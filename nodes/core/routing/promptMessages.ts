import type { IDataObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { forItem, inputError } from '../errors/itemErrors';
import { checkParameter } from '../errors/problems';
import { partUrlsOf } from '../body/jsonBody';
import { readAnswerFormat } from '../item/answerFormat';
import type { AnswerFormat } from '../item/answerFormat';
import { readExamples } from '../item/examples';
import { itemImageSources } from '../item/imageSources';
import type { ItemParts } from '../item/itemParts';
import { buildMessages, promptTurns } from '../item/messages';
import type { ImageDetail } from '../item/messages';
import { parseMessages, withImageUrls } from '../item/messagesParameter';
import type { BodyStep } from './bodyStep';

/** The item's Response Format, read once for the steps that need it. */
export function answerOf(item: ItemReader, parts: ItemParts): AnswerFormat {
	parts.answerFormat ??= forItem(item, () => readAnswerFormat(item));
	return parts.answerFormat;
}

const detailOf = (item: ItemReader) => item.getNodeParameter('imageDetail', 'auto') as ImageDetail;

/** The messages of the turns, their image parts in the order of `parts.sources`. */
function setMessages(item: ItemReader, body: IDataObject, parts: ItemParts): void {
	parts.partUrls = partUrlsOf(parts.sources);
	parts.sendsImageUrls = parts.sources.some((source) => 'url' in source);
	body.messages = buildMessages(parts.turns ?? [], parts.partUrls, detailOf(item));
}

/**
 * Prompt (with System Message and Examples): the system message, each example as a user turn
 * with its image answered by an assistant turn, then the prompt, whose images `itemImages` adds.
 */
export const promptMessages: BodyStep = (item, body, parts) => {
	const binary = item.getInputData().binary;
	// Each example's expected answer must be one the Response Format takes.
	const answer = answerOf(item, parts);
	const examples = forItem(item, () =>
		checkParameter('examples', () =>
			readExamples(item.getNodeParameter('examples', {}), binary, answer),
		),
	);
	const systemMessage = String(item.getNodeParameter('systemMessage', '') ?? '');
	const prompt = String(item.getNodeParameter('prompt', '') ?? '');
	parts.turns = promptTurns(systemMessage, examples.answers, prompt, 0);
	parts.sources = examples.sources;
	setMessages(item, body, parts);
};

/**
 * Binary Images, Binary Property Names and Image URLs: the item's images and documents after
 * the prompt, checked without reading a byte; each binary one is a placeholder in the body.
 */
export const itemImages: BodyStep = (item, body, parts) => {
	const itemSources = itemImageSources(item);
	const turns = parts.turns ?? promptTurns('', [], '', 0);
	const prompt = turns[turns.length - 1];
	if (prompt.text.trim() === '' && itemSources.length === 0) {
		throw inputError(item, { field: 'Prompt', message: 'is empty and the item sends no image' });
	}
	parts.turns = [...turns.slice(0, -1), { ...prompt, images: itemSources.length }];
	parts.sources = [...parts.sources, ...itemSources];
	setMessages(item, body, parts);
};

/**
 * Messages (JSON): the user's chat as it is, each `binary:` image part a placeholder of the
 * item's file, and Image Detail where a part sets none.
 */
export const chatMessages: BodyStep = (item, body, parts) => {
	const { messages, sources, sendsImageUrls } = forItem(item, () =>
		checkParameter('messages', () =>
			parseMessages(item.getNodeParameter('messages', '[]'), item.getInputData().binary),
		),
	);
	parts.sources = sources;
	parts.partUrls = partUrlsOf(sources);
	parts.sendsImageUrls = sendsImageUrls;
	body.messages = withImageUrls(messages, parts.partUrls, detailOf(item));
};
