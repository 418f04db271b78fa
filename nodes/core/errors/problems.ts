/** Bad input found by a pure check: which field, and what is wrong with it. Nothing is sent. */
export class InputProblem extends Error {
	/** The node parameter at fault (its path, as in `modelParameters.stop`), when one is. */
	parameter?: string;

	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

/** A check of one node parameter: what it throws names that parameter. */
export function checkParameter<T>(parameter: string, check: () => T): T {
	try {
		return check();
	} catch (error) {
		throw namingParameter(error, parameter);
	}
}

function namingParameter(error: unknown, parameter: string): unknown {
	if (error instanceof InputProblem) error.parameter ??= parameter;
	return error;
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

/**
 * A JSON answer that its schema does not take: what is wrong (`total: expected a number, got
 * "twelve"`), the answer, and its request's usage, so that Vision Chat can ask once more.
 */
export class AnswerMismatch extends AnswerProblem {
	constructor(
		readonly problems: string[],
		readonly answer: string,
		readonly usage: unknown,
	) {
		super(
			`the answer does not match the fields: ${problems.join('; ')}`,
			false,
			"Say in the field's Description what belongs there, or choose a stronger model. A gateway that ignores json_schema may do better with the prompt naming the fields.",
		);
	}
}

/** Whether a thrown error is an answer its schema did not take. */
export function isMismatch(error: unknown): error is AnswerMismatch {
	return error instanceof AnswerMismatch;
}
