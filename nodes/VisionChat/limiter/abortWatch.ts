/** What waits on each signal: one listener per signal however many wait on it. */
const watching = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `onAbort` once `signal` aborts, unless the returned function is called first. Every item
 * of a run waits on the run's one signal: a listener each would pass Node's limit of 10 and warn
 * of a leak, so the signal gets one listener that tells them all.
 */
export function whenAborted(signal: AbortSignal | undefined, onAbort: () => void): () => void {
	if (!signal) return () => {};
	let waiting = watching.get(signal);
	if (!waiting) {
		const callbacks = new Set<() => void>();
		waiting = callbacks;
		watching.set(signal, callbacks);
		signal.addEventListener(
			'abort',
			() => {
				for (const callback of [...callbacks]) callback();
				callbacks.clear();
			},
			{ once: true },
		);
	}
	const own = waiting;
	own.add(onAbort);
	return () => own.delete(onAbort);
}
