import type { IDataObject } from 'n8n-workflow';

import { AnswerMismatch, AnswerProblem } from '../errors/problems';
import { tryParseJson } from '../json';
import { answerProblems } from '../schema/checkAnswer';
import type { JsonSchema } from '../schema/strictSchema';

/** The text of a choice: a string, or the text parts some gateways send as an array. */
export function choiceText(choice: IDataObject): string | null {
	const content = (choice.message as IDataObject | undefined)?.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((part) => (typeof part === 'string' ? part : ((part as IDataObject).text ?? '')))
			.join('');
	}
	return null;
}

const FENCE = '```';

/**
 * Pure, linear: the text inside a Markdown code fence (```json ... ```) that wraps the whole
 * answer, or the text as it is. No regular expression: models in JSON mode can send long runs
 * of whitespace, on which a backtracking pattern takes minutes.
 */
export function withoutCodeFence(answer: string): string {
	const text = answer.trim();
	if (!text.startsWith(FENCE) || !text.endsWith(FENCE) || text.length < 2 * FENCE.length) {
		return text;
	}
	let inner = text.slice(FENCE.length, text.length - FENCE.length);
	if (inner.startsWith('json')) inner = inner.slice(4);
	return inner.trim();
}

/**
 * The JSON of a choice's answer, checked against the schema when there is one (an AnswerMismatch
 * says what is wrong, with the request's usage); an answer that is not JSON is an AnswerProblem.
 */
export function parseAnswer(choice: IDataObject, schema?: JsonSchema, usage?: unknown): unknown {
	const text = choiceText(choice) ?? '';
	const parsed = tryParseJson(withoutCodeFence(text));
	if ('value' in parsed) {
		const problems = schema ? answerProblems(schema, parsed.value) : [];
		if (problems.length > 0) throw new AnswerMismatch(problems, text, usage);
		return parsed.value;
	}
	const cut = choice.finish_reason === 'length';
	throw new AnswerProblem(
		`the model's answer is not valid JSON: ${JSON.stringify(text.slice(0, 200))}`,
		false,
		cut
			? 'The answer was cut off at the token limit (finish_reason "length"): raise Maximum Tokens.'
			: 'Ask for JSON in the prompt, or use the JSON Schema response format.',
	);
}
