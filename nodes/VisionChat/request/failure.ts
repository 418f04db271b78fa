/** What the request loop needs to know of a failed attempt. */
export interface FailureHint {
	retryable: boolean;
	retryAfterMs?: number;
}

const hints = new WeakMap<Error, FailureHint>();

/** Marks an error thrown from the response chain so the item's request loop can decide on a retry. */
export function withFailureHint<E extends Error>(error: E, hint: FailureHint): E {
	hints.set(error, hint);
	return error;
}

export function failureHint(error: unknown): FailureHint | undefined {
	return error instanceof Error ? hints.get(error) : undefined;
}
