import { NodeOperationError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { InputError, RequestError, SettingsError } from './nodeErrors';
import { AnswerMismatch, AnswerProblem, InputProblem } from './problems';

/**
 * Bad input of the current item: a mistake in a setting without an expression is the same for
 * every item, so it is one error about the node; from an expression, it is the item's.
 */
export function inputError(
	context: ItemReader,
	problem: { field: string; message: string; parameter?: string },
): InputError | SettingsError {
	if (problem.parameter !== undefined && !usesExpression(context, problem.parameter)) {
		return new SettingsError(context.getNode(), problem);
	}
	return new InputError(context.getNode(), context.getItemIndex(), problem);
}

/** Whether a parameter's saved value (or anything in it) is an expression, and so may differ by item. */
function usesExpression(context: ItemReader, parameter: string): boolean {
	let value: unknown = context.getNode().parameters;
	for (const key of parameter.split('.')) {
		value = typeof value === 'object' && value !== null ? (value as JsonObject)[key] : undefined;
	}
	const hasExpression = (entry: unknown): boolean =>
		typeof entry === 'string'
			? entry.startsWith('=')
			: typeof entry === 'object' && entry !== null && Object.values(entry).some(hasExpression);
	return hasExpression(value);
}

/**
 * Runs a pure step for the current item and turns what it throws into the item's node error:
 * an InputProblem into an input error, an AnswerProblem into a RequestError.
 */
export function forItem<T>(context: ItemReader, step: () => T): T {
	try {
		return step();
	} catch (error) {
		throw itemErrorFor(context, error);
	}
}

/** What a pure step threw, as the current item's node error (see forItem). */
export function itemErrorFor(context: ItemReader, error: unknown): Error {
	const itemIndex = context.getItemIndex();
	if (error instanceof InputProblem) return inputError(context, error);
	if (error instanceof AnswerProblem) {
		return new RequestError(context.getNode(), {
			itemIndex,
			message: error.message,
			description: error.description,
			cause: { message: error.message },
			retry: {
				retryable: error.retryable,
				...(error instanceof AnswerMismatch
					? { reask: { answer: error.answer, problems: error.problems, usage: error.usage } }
					: {}),
			},
			report: { status: null },
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
