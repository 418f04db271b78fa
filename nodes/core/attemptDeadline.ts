/**
 * A deadline `timeoutMs` after now, however the answer trickles in (n8n's own timeout is reset by
 * every byte). The execution's cancel signal needs no part in it: n8n hands that one to the HTTP
 * client itself, in place of any signal a node passes.
 */
export function startDeadline(timeoutMs: number): AbortSignal {
	return AbortSignal.timeout(timeoutMs);
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
