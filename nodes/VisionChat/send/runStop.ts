import { NodeApiError } from 'n8n-workflow';
import type { IExecuteSingleFunctions, INode } from 'n8n-workflow';

import { asNodeError } from '../../core/answer/errorItems';
import { SettingsError } from '../../core/errors/nodeErrors';
import type { ErrorReport } from '../../core/errors/nodeErrors';

/**
 * One item's part in a node run that stops on error (Settings > On Error at Stop Workflow).
 * n8n's routing starts every item's request at once and, once all have settled, fails the node
 * with the first failed item's error (in item order) and drops every answer of the run. So
 * nothing is sent that would be dropped: once one item has failed for good, the items still
 * waiting for a slot leave the line, and nothing more goes out. With Continue, every item goes
 * its own way (`undefined` below).
 *
 * Every item's checks that need no file read come before the run's first request, without a
 * wait: n8n's routing starts all items in one synchronous loop, and their preSends (no I/O, one
 * await each) move them on in step, so each is checked in the turn the run's credential arrives
 * (send/runCredentials.ts), and a request goes out only after its slot, its images and
 * `ensureGoing`, several awaits later. With Request Options > Batching n8n hands over one batch
 * at a time, so each batch is checked before its own first request.
 */
export interface ItemOfRun {
	/** Aborts once the run has failed (or the execution is cancelled): the limiter drops the item. */
	readonly signal: AbortSignal;
	/** Throws if the run has failed: called before each request goes out. */
	ensureGoing(): void;
	/** The item failed: what it throws, the run's first failure. */
	failed(error: unknown): Error;
}

/** What an item that the run's failure stopped throws, until `failed` swaps it for that failure. */
class StoppedByRun extends Error {}

class StoppingRun {
	private readonly stop = new AbortController();

	readonly signal: AbortSignal;

	private failure?: NodeApiError;

	/** The last item handed over: n8n hands over a run's items in order, each once. */
	private lastIndex = -1;

	constructor(
		private readonly node: INode,
		cancel: AbortSignal | undefined,
	) {
		this.signal = cancel ? AbortSignal.any([cancel, this.stop.signal]) : this.stop.signal;
	}

	/** Whether an item of this index was handed over already: then the node runs again. */
	isOver(itemIndex: number): boolean {
		return itemIndex <= this.lastIndex;
	}

	handOver(itemIndex: number): ItemOfRun {
		this.lastIndex = itemIndex;
		return {
			signal: this.signal,
			ensureGoing: () => {
				if (this.failure) throw new StoppedByRun();
			},
			failed: (error) => {
				if (!this.failure && !(error instanceof StoppedByRun)) {
					this.failure = runFailure(this.node, error, itemIndex);
					this.stop.abort();
				}
				return this.failure ?? asNodeError(this.node, error, itemIndex);
			},
		};
	}
}

/**
 * The first failure as every item of the run throws it. n8n's routing throws the first failed
 * item's error in item order, marked with that item's index, and wraps any error but an API error
 * in one: so it is an API error whose item stays the one that failed.
 */
function runFailure(node: INode, error: unknown, itemIndex: number): NodeApiError {
	const nodeError = asNodeError(node, error, itemIndex);
	let failure: NodeApiError;
	if (nodeError instanceof NodeApiError) failure = nodeError;
	else {
		failure = new NodeApiError(node, { message: nodeError.message });
		// Set after construction: n8n rewrites an API error's message and description.
		failure.name = nodeError.name;
		failure.message = nodeError.message;
		failure.description = nodeError.description;
		(failure as { report?: ErrorReport }).report = (nodeError as { report?: ErrorReport }).report;
	}
	// A settings error names no item, and keeps it so.
	if (failure instanceof SettingsError) return failure;
	Object.defineProperty(failure.context, 'itemIndex', {
		get: () => itemIndex,
		set: () => undefined,
		enumerable: true,
	});
	return failure;
}

/** Keyed by the execute data n8n hands every item of one node run (see runCredentials.ts). */
const runs = new WeakMap<object, StoppingRun>();

/**
 * The item's part in its node run when the node stops on error; `undefined` when it continues
 * (every other item is answered then) or the engine tells no run.
 */
export function itemOfRun(context: IExecuteSingleFunctions): ItemOfRun | undefined {
	if (context.continueOnFail()) return undefined;
	const key = context.getExecuteData() as object | undefined;
	if (!key) return undefined;
	const itemIndex = context.getItemIndex();
	let run = runs.get(key);
	// An item handed over again is a new run of the node (Settings > Retry On Fail).
	if (!run || run.isOver(itemIndex)) {
		run = new StoppingRun(context.getNode(), context.getExecutionCancelSignal());
		runs.set(key, run);
	}
	return run.handOver(itemIndex);
}
