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
