import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INode,
	JsonObject,
} from 'n8n-workflow';

import { describeHttpFailure } from './httpFailure';
import type { SentRequest } from './httpFailure';
import { networkCause } from './networkCause';
import { AnswerProblem, InputProblem } from './problems';
import { redact } from './redact';
import { RETRYABLE_NETWORK_CODES, retryAfterMs } from './retry';
import type { RetryAdvice } from './retry';

/**
 * How every error names its item: n8n's own form, which its error view recognises in a message
 * (it adds the same suffix to a message that lacks it), counted from 0 like $itemIndex.
 */
function withItemLabel(message: string, itemIndex: number): string {
	return `${capitalized(message)} [item ${itemIndex}]`;
}

/** Messages start with a capital letter, as n8n's own do. */
export function capitalized(message: string): string {
	return message.charAt(0).toUpperCase() + message.slice(1);
}

/** What an error item tells beside its message, so failures can be filtered and retried. */
export interface FailureReport {
	/** The HTTP status of the API's answer, when there was one. */
	status: number | null;
	/** The API's own words, or the network's error code and text. */
	apiMessage?: string;
	networkCode?: string;
	/** The input field at fault, when the item was refused before sending. */
	field?: string;
	/** The batch's state, for a batch line that was not answered. */
	batchStatus?: string;
}

interface ItemFailureDetails {
	itemIndex: number;
	message: string;
	description?: string;
	httpCode?: string;
	/** What the API or the network said, already free of request data and secrets. */
	cause: JsonObject;
	retry: RetryAdvice;
	report: FailureReport;
}

/**
 * A failed attempt at one item's request: an API error, an unusable answer, or a network
 * failure. The request loop reads `retry` to decide on another try. A NodeApiError, which the
 * engine passes on as it is (it wraps other errors again).
 */
export class ItemFailure extends NodeApiError {
	readonly retry: RetryAdvice;

	readonly report: FailureReport;

	constructor(node: INode, details: ItemFailureDetails) {
		super(node, details.cause, { itemIndex: details.itemIndex, httpCode: details.httpCode });
		// n8n (its editor and stored executions) knows API errors by this name, not by the class.
		this.name = 'NodeApiError';
		// Set after construction: n8n rewrites a message that names an HTTP status or error code.
		this.message = withItemLabel(details.message, details.itemIndex);
		this.description = details.description ?? null;
		this.retry = details.retry;
		this.report = details.report;
	}

	/** The same failure, saying how often the item was tried. */
	afterTries(tries: number): this {
		if (tries > 1) {
			const said = `Tried ${tries} times.`;
			this.description = this.description ? `${this.description} ${said}` : said;
		}
		return this;
	}
}

/** Bad input: it names the item and the field; nothing was sent. */
export class InputError extends NodeOperationError {
	readonly report: FailureReport;

	constructor(node: INode, itemIndex: number, problem: { field: string; message: string }) {
		super(node, withItemLabel(`${problem.field}: ${problem.message}`, itemIndex), {
			itemIndex,
			description: 'Nothing was sent for this item.',
		});
		this.report = { status: null, field: problem.field };
	}
}

/**
 * A mistake in the node's settings, the same for every item (a parameter without an expression):
 * one error about the node, without an item label. Nothing was sent.
 *
 * n8n's routing marks every error of an item's request with that item (`context.itemIndex`), and
 * its editor then adds "[item 0]" to the message when the node had several input items. So this
 * is the one error n8n passes on without wrapping it (an API error), whose context keeps no item.
 */
export class SettingsError extends NodeApiError {
	readonly report: FailureReport;

	constructor(node: INode, problem: { field: string; message: string }) {
		const message = capitalized(`${problem.field}: ${problem.message}`);
		super(node, { message });
		this.name = 'NodeOperationError';
		// Set after construction: n8n rewrites an API error's message and description.
		this.message = message;
		this.description = `Fix ${problem.field} in the node's parameters. Nothing was sent.`;
		this.report = { status: null, field: problem.field };
		Object.defineProperty(this.context, 'itemIndex', {
			get: () => undefined,
			set: () => undefined,
			enumerable: false,
		});
	}
}

export function inputError(
	context: IExecuteSingleFunctions,
	problem: { field: string; message: string; parameter?: string },
): InputError | SettingsError {
	if (problem.parameter !== undefined && !usesExpression(context, problem.parameter)) {
		return new SettingsError(context.getNode(), problem);
	}
	return new InputError(context.getNode(), context.getItemIndex(), problem);
}

/** Whether a parameter's saved value (or anything in it) is an expression, and so may differ by item. */
function usesExpression(context: IExecuteSingleFunctions, parameter: string): boolean {
	let value: unknown = context.getNode().parameters;
	for (const key of parameter.split('.')) {
		value = typeof value === 'object' && value !== null ? (value as JsonObject)[key] : undefined;
	}
	const hasExpression = (entry: unknown): boolean =>
		typeof entry === 'string'
			? entry.startsWith('=')
			: typeof entry === 'object' && entry !== null && Object.values(entry).some(hasExpression);
	return hasExpression(value);
}

/**
 * Runs a pure step for the current item and turns what it throws into the item's node error:
 * an InputProblem into an input error, an AnswerProblem into an ItemFailure.
 */
export function forItem<T>(context: IExecuteSingleFunctions, step: () => T): T {
	try {
		return step();
	} catch (error) {
		throw itemErrorFor(context, error);
	}
}

/** What a pure step threw, as the current item's node error (see forItem). */
export function itemErrorFor(context: IExecuteSingleFunctions, error: unknown): Error {
	const itemIndex = context.getItemIndex();
	if (error instanceof InputProblem) return inputError(context, error);
	if (error instanceof AnswerProblem) {
		return new ItemFailure(context.getNode(), {
			itemIndex,
			message: error.message,
			description: error.description,
			cause: { message: error.message },
			retry: { retryable: error.retryable },
			report: { status: null },
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** The most of an error body kept in the error (and so in the stored execution). */
const MAX_CAUSE_LENGTH = 10_000;

/** An error body as the error's cause: as it came when small, else the start of its text. */
function causeOfBody(body: unknown): JsonObject {
	const isObject = typeof body === 'object' && body !== null && !Buffer.isBuffer(body);
	let text: string;
	try {
		text = isObject ? JSON.stringify(body) : String(body ?? '');
	} catch {
		text = '';
	}
	if (text.length <= MAX_CAUSE_LENGTH) return isObject ? (body as JsonObject) : { body: text };
	return { body: `${text.slice(0, MAX_CAUSE_LENGTH)}... (${text.length} characters in all)` };
}

/** A non-2xx answer, from the response body only (never the request), with the key redacted. */
export function httpFailure(
	context: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
	apiKey: string | undefined,
	sent: SentRequest,
): ItemFailure {
	const headers = response.headers as Record<string, unknown>;
	const retryAfter = retryAfterMs(headers);
	const failure = describeHttpFailure(
		response.statusCode,
		response.statusMessage,
		response.body,
		headers.location as string | undefined,
		sent,
	);
	const body = causeOfBody(response.body);
	return new ItemFailure(context.getNode(), {
		itemIndex: context.getItemIndex(),
		message: redact(failure.message, apiKey),
		description: failure.description,
		httpCode: String(response.statusCode),
		cause: redact(body, apiKey),
		retry: {
			retryable: failure.retryable,
			retryAfterMs: retryAfter,
			adaptation: failure.adaptation,
			congested:
				response.statusCode === 429 || (response.statusCode === 503 && retryAfter !== undefined),
		},
		report: { status: response.statusCode, apiMessage: redact(failure.apiMessage, apiKey) },
	});
}

const timeoutHint = (setting: string) =>
	`Raise ${setting} if the model is slow, or send smaller images. It counts from the start of the request to the last byte of the answer.`;

/**
 * An attempt that passed its deadline (Request Timeout, from the request's start to the answer's
 * last byte): worth another try, as a timeout of the HTTP client is.
 */
export function timeoutFailure(
	context: IExecuteSingleFunctions,
	deadline: { ms: number; setting: string },
): ItemFailure {
	const message = `the request timed out: no whole answer within ${deadline.ms / 1000} s (${deadline.setting})`;
	return new ItemFailure(context.getNode(), {
		itemIndex: context.getItemIndex(),
		message,
		description: timeoutHint(deadline.setting),
		cause: { code: 'ETIMEDOUT', message },
		retry: { retryable: true },
		report: { status: null, networkCode: 'ETIMEDOUT', apiMessage: message },
	});
}

/**
 * What the engine threw for a request that got no answer, as an ItemFailure that carries
 * nothing of the request: the engine's error may hold the request's headers, API key included.
 */
export function requestFailure(context: IExecuteSingleFunctions, thrown: unknown): ItemFailure {
	const itemIndex = context.getItemIndex();
	const network = networkCause(thrown);
	if (!network) {
		const message = `the request failed: ${(thrown as Error)?.message ?? String(thrown)}`;
		return new ItemFailure(context.getNode(), {
			itemIndex,
			message,
			cause: { message },
			retry: { retryable: false },
			report: { status: null },
		});
	}
	const timedOut = network.code === 'ECONNABORTED' || network.code === 'ETIMEDOUT';
	return new ItemFailure(context.getNode(), {
		itemIndex,
		message: `${timedOut ? 'the request timed out' : 'the connection to the API failed'} (${network.code}: ${network.detail})`,
		description: timedOut
			? timeoutHint('Options > Request Timeout')
			: 'Check the Base URL of the credential and that the API is reachable from n8n.',
		cause: { code: network.code, message: network.detail },
		retry: { retryable: RETRYABLE_NETWORK_CODES.includes(network.code) },
		report: { status: null, networkCode: network.code, apiMessage: network.detail },
	});
}
