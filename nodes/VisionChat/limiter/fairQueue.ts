/** What a request asks of the queue: its execution, its images' bytes and their budget. */
export interface QueuedRequest {
	execution: string;
	bytes: number;
	/** The most binary image bytes all running requests of the key may hold. */
	budget: number;
}

interface Waiter<R extends QueuedRequest> {
	request: R;
	grant: () => void;
}

/**
 * The waiting and running requests of one key. Executions take turns (round robin, each in its
 * own arrival order), so a large run does not hold back a small one that came later; what runs
 * holds at most the budget of image bytes, though one request may always run, however large.
 */
export class FairQueue<R extends QueuedRequest> {
	/** Waiting requests by execution, in the order the executions take turns. */
	private readonly queues = new Map<string, Array<Waiter<R>>>();

	active = 0;

	private activeBytes = 0;

	get idle(): boolean {
		return this.active === 0 && this.queues.size === 0;
	}

	/** How many requests wait for a slot. */
	get waiting(): number {
		let count = 0;
		for (const queue of this.queues.values()) count += queue.length;
		return count;
	}

	/** Queues a request; one that had a slot and waits to try again (`again`) goes first. */
	enqueue(request: R, grant: () => void, again: boolean): void {
		const queue = this.queues.get(request.execution) ?? [];
		if (again) queue.unshift({ request, grant });
		else queue.push({ request, grant });
		this.queues.set(request.execution, queue);
	}

	/** Takes a waiting request out of the line; false when it was not waiting. */
	remove(request: R): boolean {
		const queue = this.queues.get(request.execution);
		const at = queue?.findIndex((waiter) => waiter.request === request) ?? -1;
		if (!queue || at < 0) return false;
		queue.splice(at, 1);
		if (queue.length === 0) this.queues.delete(request.execution);
		return true;
	}

	/** The request whose turn it is, if any waits. */
	next(): R | undefined {
		const first = this.queues.values().next();
		return first.done ? undefined : first.value[0].request;
	}

	/** Whether the next request may run beside the `active` ones under `limit` and its budget. */
	fits(request: R, limit: number): boolean {
		if (this.active >= limit) return false;
		return this.active === 0 || this.activeBytes + request.bytes <= request.budget;
	}

	/** Starts the next request; its execution goes to the back of the line for its next turn. */
	startNext(): R {
		const [execution, queue] = this.queues.entries().next().value as [string, Array<Waiter<R>>];
		const waiter = queue.shift()!;
		this.queues.delete(execution);
		if (queue.length > 0) this.queues.set(execution, queue);
		this.active++;
		this.activeBytes += waiter.request.bytes;
		waiter.grant();
		return waiter.request;
	}

	/** A running request ended. */
	finish(request: R): void {
		this.active--;
		this.activeBytes -= request.bytes;
	}
}
