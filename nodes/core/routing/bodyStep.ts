import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { itemErrorFor } from '../errors/itemErrors';
import { InputProblem } from '../errors/problems';
import { itemParts } from '../item/itemParts';
import type { ItemParts } from '../item/itemParts';

/** n8n's preSend: called by its RoutingNode with the item's request, after the routed fields. */
export type PreSend = (
	this: IExecuteSingleFunctions,
	request: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/**
 * What one parameter puts into the body when a field name is not enough: it reads the item,
 * writes the body, and notes in `parts` what the transport needs of it. Both nodes run it: Vision
 * Chat as the parameter's preSend, the batch node through routedFields.ts (routedRequest).
 */
export type BodyStep = (item: ItemReader, body: IDataObject, parts: ItemParts) => void;

const stepOfPreSend = new WeakMap<object, BodyStep>();

/** The step as the preSend its parameter's routing names. */
export function preSendOf(step: BodyStep): PreSend {
	const preSend: PreSend = async function (request) {
		runBodyStep(step, this, request);
		return request;
	};
	stepOfPreSend.set(preSend, step);
	return preSend;
}

/** The step behind one of this node's preSends. */
export const bodyStepOf = (preSend: unknown): BodyStep | undefined =>
	typeof preSend === 'function' ? stepOfPreSend.get(preSend) : undefined;

/**
 * The step on the item's request; after a step has failed the others do nothing, and the failure
 * waits in the parts for the request hook (see item/itemParts.ts).
 */
export function runBodyStep(step: BodyStep, item: ItemReader, request: { body?: unknown }): void {
	const parts = itemParts(request);
	if (parts.failure !== undefined) return;
	try {
		request.body ??= {};
		step(item, request.body as IDataObject, parts);
	} catch (error) {
		// A step's problem with a parameter is the item's error (or the node's, without an expression).
		parts.failure = error instanceof InputProblem ? itemErrorFor(item, error) : error;
	}
}
