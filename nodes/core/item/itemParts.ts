import type { AnswerFormat } from './answerFormat';
import type { ImageSource } from './imageSources';
import type { Turn } from './messages';

/**
 * What the request's preSends (../routing/) learn of one item besides its body, for the transport
 * that sends it: the files the body's image parts stand for, and how the answer is read. It is
 * kept beside the request n8n hands from the preSends to the request hook, never inside it.
 */
export interface ItemParts {
	/** Every image and document of the body, in the order its parts take them. */
	sources: ImageSource[];
	/**
	 * Each source's URL in the body: the URL itself, or for a binary file a placeholder that the
	 * transport replaces with the file's data once the item holds a limiter slot.
	 */
	partUrls: string[];
	/** Whether any image goes by URL, for the words of a refusal (see errors/quirks.ts). */
	sendsImageUrls: boolean;
	/** What the answer must be, and how it is read (Response Format; Text when not set). */
	answerFormat?: AnswerFormat;
	/** Prompt mode: the turns of the prompt, which the item's images complete. */
	turns?: Turn[];
	/**
	 * A preSend's failure, which the request hook throws as the item's error: n8n's own handling
	 * of a preSend's error knows neither Continue On Fail's error items nor a run that stops.
	 */
	failure?: unknown;
}

const partsOfRequest = new WeakMap<object, ItemParts>();

/** The parts of the item whose request this is (the same object from preSend to hook). */
export function itemParts(request: object): ItemParts {
	let parts = partsOfRequest.get(request);
	if (!parts) {
		parts = { sources: [], partUrls: [], sendsImageUrls: false };
		partsOfRequest.set(request, parts);
	}
	return parts;
}
