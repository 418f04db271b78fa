import type { IDataObject } from 'n8n-workflow';

export type ImageDetail = 'auto' | 'low' | 'high';

/** Pure: the chat messages for one item: the system message, then the prompt and its images in order. */
export function buildMessages(
	systemMessage: string,
	prompt: string,
	imageUrls: string[],
	detail: ImageDetail,
): IDataObject[] {
	const messages: IDataObject[] = [];
	if (systemMessage.trim() !== '') messages.push({ role: 'system', content: systemMessage });
	if (imageUrls.length === 0) {
		messages.push({ role: 'user', content: prompt });
		return messages;
	}
	const content: IDataObject[] = [];
	if (prompt.trim() !== '') content.push({ type: 'text', text: prompt });
	for (const url of imageUrls) content.push({ type: 'image_url', image_url: { url, detail } });
	messages.push({ role: 'user', content });
	return messages;
}
