import type { IDataObject } from 'n8n-workflow';

export type ImageDetail = 'auto' | 'low' | 'high';

/** One message of the chat before its images are known: its text and how many images it carries. */
export interface Turn {
	role: 'system' | 'user' | 'assistant';
	text: string;
	images: number;
}

/**
 * Pure: the turns of one item in Prompt mode: the system message, each example as a user turn
 * (the prompt and the example's image) answered by an assistant turn, then the prompt and the
 * item's images.
 */
export function promptTurns(
	systemMessage: string,
	exampleAnswers: string[],
	prompt: string,
	itemImages: number,
): Turn[] {
	const turns: Turn[] = [];
	if (systemMessage.trim() !== '') turns.push({ role: 'system', text: systemMessage, images: 0 });
	for (const answer of exampleAnswers) {
		turns.push({ role: 'user', text: prompt, images: 1 });
		turns.push({ role: 'assistant', text: answer, images: 0 });
	}
	turns.push({ role: 'user', text: prompt, images: itemImages });
	return turns;
}

/**
 * Pure: the chat messages of the turns, each taking its images from `imageUrls` in order. A turn
 * without images is plain text; a user turn with images is its text (unless empty), then them.
 */
export function buildMessages(
	turns: Turn[],
	imageUrls: string[],
	detail: ImageDetail,
): IDataObject[] {
	let next = 0;
	return turns.map(({ role, text, images }) => {
		if (images === 0) return { role, content: text };
		const content: IDataObject[] = [];
		if (text.trim() !== '') content.push({ type: 'text', text });
		for (const url of imageUrls.slice(next, next + images)) {
			content.push({ type: 'image_url', image_url: { url, detail } });
		}
		next += images;
		return { role, content };
	});
}
