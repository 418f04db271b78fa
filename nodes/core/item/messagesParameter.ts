import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { InputProblem } from '../errors/problems';
import type { ImageSource } from './imageSources';
import { parseImageUrls } from '../parameters/imageUrls';
import { parseJsonParameter } from '../parameters/jsonParameter';

/** How an image part names one of the item's binary properties instead of a URL. */
const BINARY_URL_PREFIX = 'binary:';

const ROLES = ['system', 'developer', 'user', 'assistant'];

const FIELD = 'Messages';

/** The user's messages, checked, and the binary images their image parts name, in order. */
export interface UserMessages {
	messages: IDataObject[];
	sources: ImageSource[];
	/** Whether an image part gives an image by URL (not inline): some APIs take only inline ones. */
	sendsImageUrls: boolean;
}

/**
 * Pure: the Messages parameter: a JSON array of chat messages as the API takes them. An image
 * part's URL may be `binary:<property>`, an image of the item's binary data, sent inline.
 */
export function parseMessages(value: unknown, binary: IBinaryKeyData | undefined): UserMessages {
	const parsed = parseJsonParameter(FIELD, value);
	if (!Array.isArray(parsed) || parsed.length === 0) {
		throw new InputProblem(
			FIELD,
			'must be a JSON array of messages, e.g. [{"role": "user", "content": "Hi"}]',
		);
	}
	const sources: ImageSource[] = [];
	let sendsImageUrls = false;
	parsed.forEach((message: unknown, index) => {
		const at = `message ${index + 1}`;
		if (typeof message !== 'object' || message === null || Array.isArray(message)) {
			throw new InputProblem(FIELD, `${at} is not an object with a role and content`);
		}
		const { role, content } = message as IDataObject;
		if (!ROLES.includes(role as string)) {
			throw new InputProblem(
				FIELD,
				`${at} has role ${JSON.stringify(role)}, not one of ${ROLES.join(', ')}`,
			);
		}
		if (typeof content === 'string') return;
		if (!Array.isArray(content)) {
			throw new InputProblem(FIELD, `${at} has content that is neither text nor a list of parts`);
		}
		for (const part of content as IDataObject[]) {
			const url = imagePartUrl(part, at);
			if (url === undefined) continue;
			if (!url.startsWith(BINARY_URL_PREFIX)) {
				parseImageUrls(url);
				sendsImageUrls = true;
				continue;
			}
			const name = url.slice(BINARY_URL_PREFIX.length);
			if (!binary?.[name]) {
				throw new InputProblem(
					FIELD,
					`${at} names "${url}", but the item has no binary property "${name}"`,
				);
			}
			sources.push({ binaryProperty: name });
		}
	});
	return { messages: parsed as IDataObject[], sources, sendsImageUrls };
}

function imagePartUrl(part: IDataObject, at: string): string | undefined {
	if (typeof part !== 'object' || part === null || typeof part.type !== 'string') {
		throw new InputProblem(FIELD, `${at} has a content part without a type`);
	}
	if (part.type !== 'image_url') return undefined;
	const url = (part.image_url as IDataObject | undefined)?.url;
	if (typeof url !== 'string') {
		throw new InputProblem(FIELD, `${at} has an image part without image_url.url`);
	}
	return url;
}

/**
 * Pure: the messages with each `binary:` image URL replaced by the next of `imageUrls` (the
 * binary images as loaded, in the order parseMessages found them), and Image Detail where a part
 * sets none. The user's messages are not changed.
 */
export function withImageUrls(
	messages: IDataObject[],
	imageUrls: string[],
	detail: string,
): IDataObject[] {
	let next = 0;
	return messages.map((message) => {
		if (!Array.isArray(message.content)) return message;
		const content = (message.content as IDataObject[]).map((part) => {
			if (part.type !== 'image_url') return part;
			const image = part.image_url as IDataObject;
			const url = String(image.url);
			return {
				...part,
				image_url: {
					...image,
					url: url.startsWith(BINARY_URL_PREFIX) ? imageUrls[next++] : url,
					detail: image.detail ?? detail,
				},
			};
		});
		return { ...message, content };
	});
}
