/** Bad input found by a pure check: which field, and what is wrong with it. Nothing is sent. */
export class InputProblem extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

/** A 200 answer the node cannot use: malformed, cut off, empty. Some are worth a retry. */
export class AnswerProblem extends Error {
	constructor(
		message: string,
		readonly retryable: boolean,
		readonly description?: string,
	) {
		super(message);
	}
}
