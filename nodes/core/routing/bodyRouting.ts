import type { INodeProperties } from 'n8n-workflow';

import { preSendOf } from './bodyStep';
import type { BodyStep } from './bodyStep';
import {
	checkedModelParameters,
	responseFormat,
	tokenLimitForModel,
	usageWhenStreaming,
} from './bodyFieldSteps';
import { chatMessages, itemImages, promptMessages } from './promptMessages';

/**
 * The parameters whose part of the request body needs code, each with its preSend (the rest name
 * their body field in their own `routing.send`: see ../descriptions/). n8n's RoutingNode runs
 * the preSends of the parameters shown, in the order of the description, after it has put the
 * routed fields into the body.
 */
const BODY_STEPS: Record<string, BodyStep> = {
	// Prompt mode: the turns, then the item's images (binary ones as placeholders) after them.
	prompt: promptMessages,
	imageUrls: itemImages,
	// Messages mode: the user's chat.
	messages: chatMessages,
	responseFormat,
	modelParameters: checkedModelParameters,
	maxTokens: tokenLimitForModel,
	stream: usageWhenStreaming,
};

const PRE_SENDS = Object.fromEntries(
	Object.entries(BODY_STEPS).map(([name, step]) => [name, preSendOf(step)]),
);

/** The properties with the preSends above in their routing (options of collections too). */
export function withBodyRouting(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		const options =
			property.type === 'collection'
				? { options: withBodyRouting(property.options as INodeProperties[]) }
				: {};
		const preSend = PRE_SENDS[property.name];
		if (!preSend) return { ...property, ...options };
		const send = property.routing?.send;
		return {
			...property,
			...options,
			routing: {
				...property.routing,
				send: { ...send, preSend: [...(send?.preSend ?? []), preSend] },
			},
		};
	});
}
