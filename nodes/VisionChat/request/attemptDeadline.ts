/** One try of an item's request: its signal, and whether its deadline is what ended it. */
export interface Attempt {
	signal: AbortSignal;
	timedOut(): boolean;
}

/**
 * An attempt that ends `timeoutMs` after it starts, however the answer trickles in (n8n's own
 * timeout is reset by every byte), or when the execution is cancelled.
 */
export function startAttempt(timeoutMs: number, cancel?: AbortSignal): Attempt {
	const deadline = AbortSignal.timeout(timeoutMs);
	return {
		signal: cancel ? AbortSignal.any([deadline, cancel]) : deadline,
		timedOut: () => deadline.aborted,
	};
}

/**
 * The work's result, or the signal's reason as soon as it aborts: the item does not wait for an
 * HTTP client that keeps reading (n8n 1.x hands the client only the execution's cancel signal).
 */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
	// Once the signal has won, the work's own failure has no one left to hear it.
	work.catch(() => undefined);
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([work, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
