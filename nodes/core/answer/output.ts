import type { IDataObject } from 'n8n-workflow';

import { AnswerProblem } from '../errors/problems';
import type { JsonSchema } from '../schema/strictSchema';
import { choiceText, parseAnswer } from './answerJson';

export interface OutputShape {
	/** Only the answer's fields, or the API answer as it came. */
	simplify: boolean;
	splitChoices: boolean;
	parseJson: boolean;
	/** The schema JSON answers are checked against; with `columns`, their fields are the item's. */
	answer?: { schema?: JsonSchema; columns: boolean };
}

/** The text of Mistral's `thinking` content parts: text, or a list of text parts. */
function thinkingText(content: unknown): string {
	if (!Array.isArray(content)) return '';
	return content
		.filter((part) => (part as IDataObject)?.type === 'thinking')
		.map((part) => {
			const thinking = (part as IDataObject).thinking;
			if (typeof thinking === 'string') return thinking;
			return Array.isArray(thinking)
				? thinking.map((piece) => String((piece as IDataObject)?.text ?? '')).join('')
				: '';
		})
		.join('');
}

/**
 * The model's thinking, where a gateway gives it beside the answer: `reasoning_content` (DeepSeek,
 * Qwen, GLM), `reasoning` (OpenRouter, vLLM), or `thinking` parts of the content (Mistral).
 */
function reasoningOf(choice: IDataObject): { reasoning?: string } {
	const message = (choice.message ?? {}) as IDataObject;
	const reasoning = message.reasoning_content ?? message.reasoning ?? thinkingText(message.content);
	return typeof reasoning === 'string' && reasoning !== '' ? { reasoning } : {};
}

/**
 * Pure: the output items' JSON for one completion, one item, or one per choice. Every choice
 * reaches the output, and the request's usage is counted once: split, it is on the first
 * choice's item and the others have `usage: null`. With the answer's fields as columns, the
 * item is a row for a sheet: the fields, then the token counts once (`tokenUsage`, which n8n's
 * logs panel reads), without the API's `usage` beside them.
 */
export function completionToOutput(completion: IDataObject, shape: OutputShape): IDataObject[] {
	const choices = completion.choices;
	if (!Array.isArray(choices) || choices.length === 0) {
		throw new AnswerProblem(
			'the API answered with no choices',
			false,
			'The model gave no answer, which some gateways do when a content filter blocks the image or prompt.',
		);
	}
	const usage = completion.usage ?? null;
	const json = (choice: IDataObject) =>
		parseAnswer(choice, shape.answer?.schema, completion.usage) as IDataObject;
	const parsed = (choice: IDataObject) => (shape.parseJson ? { parsed: json(choice) } : {});
	// Fields and JSON Example: the answer's fields are the item's, not the answer's text.
	const columns = shape.simplify && shape.parseJson && shape.answer?.columns === true;
	const answer = (choice: IDataObject): IDataObject =>
		columns
			? { ...json(choice), ...reasoningOf(choice) }
			: { content: choiceText(choice), ...parsed(choice), ...reasoningOf(choice) };
	const all = choices as IDataObject[];
	if (shape.simplify && !shape.splitChoices) {
		const [first] = all;
		return [
			{
				...answer(first),
				// As columns (Fields, JSON Example), rows for a sheet: the token counts once.
				...(columns ? {} : { usage }),
				...tokenUsageOf(usage),
				...(columns ? {} : { model: completion.model ?? null }),
				...(columns ? {} : { finish_reason: first.finish_reason ?? null }),
				// Number of Choices above 1: the other answers were paid for too.
				...(all.length > 1
					? {
							choices: all.map((choice) => ({
								index: choice.index ?? null,
								...answer(choice),
								finish_reason: choice.finish_reason ?? null,
							})),
						}
					: {}),
			},
		];
	}
	if (shape.simplify) {
		return all.map((choice, position) => ({
			...answer(choice),
			...(columns ? {} : { usage: position === 0 ? usage : null }),
			...(position === 0 ? tokenUsageOf(usage) : {}),
			...(columns ? {} : { model: completion.model ?? null }),
			...(columns ? {} : { finish_reason: choice.finish_reason ?? null }),
			index: choice.index ?? null,
		}));
	}
	if (!shape.splitChoices) return [{ ...completion, ...parsed(all[0]) }];
	return all.map((choice, position) => ({
		...completion,
		choices: [choice],
		...(position === 0 ? {} : { usage: null }),
		...parsed(choice),
	}));
}

/**
 * The usage again in the shape n8n's own AI nodes give, under the name n8n's logs panel sums for
 * a node's tokens (`tokenUsage`); nothing when the API sent no usage.
 */
function tokenUsageOf(usage: unknown): { tokenUsage?: IDataObject } {
	const { prompt_tokens, completion_tokens, total_tokens } = (usage ?? {}) as IDataObject;
	if (typeof prompt_tokens !== 'number' || typeof completion_tokens !== 'number') return {};
	const totalTokens =
		typeof total_tokens === 'number' ? total_tokens : prompt_tokens + completion_tokens;
	return {
		tokenUsage: { promptTokens: prompt_tokens, completionTokens: completion_tokens, totalTokens },
	};
}
