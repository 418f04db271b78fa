import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { capitalized, withItemLabel } from './itemLabel';
import type { RetryAdvice } from './retry';

/** What an error item tells beside its message, so failures can be filtered and retried. */
export interface ErrorReport {
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
	report: ErrorReport;
}

/**
 * A failed attempt at one item's request: an API error, an unusable answer, or a network
 * failure. The request loop reads `retry` to decide on another try. A NodeApiError, which the
 * engine passes on as it is (it wraps other errors again).
 */
export class RequestError extends NodeApiError {
	readonly retry: RetryAdvice;

	readonly report: ErrorReport;

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
	readonly report: ErrorReport;

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
	readonly report: ErrorReport;

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
