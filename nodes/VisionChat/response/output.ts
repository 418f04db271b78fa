import type { IDataObject } from 'n8n-workflow';

import { AnswerProblem } from '../failures/problems';
import { tryParseJson } from '../json';

export interface OutputShape {
	/** Only the answer's fields, or the API answer as it came. */
	simplify: boolean;
	splitChoices: boolean;
	parseJson: boolean;
}

/** The text of a choice: a string, or the text parts some gateways send as an array. */
function choiceText(choice: IDataObject): string | null {
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

function parseAnswer(choice: IDataObject): unknown {
	const text = choiceText(choice) ?? '';
	const parsed = tryParseJson(withoutCodeFence(text));
	if ('value' in parsed) return parsed.value;
	const cut = choice.finish_reason === 'length';
	throw new AnswerProblem(
		`the model's answer is not valid JSON: ${JSON.stringify(text.slice(0, 200))}`,
		false,
		cut
			? 'The answer was cut off at the token limit (finish_reason "length"): raise Maximum Tokens.'
			: 'Ask for JSON in the prompt, or use the JSON Schema response format.',
	);
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

/** Pure: the output items' JSON for one completion, one item, or one per choice. */
export function completionToOutput(completion: IDataObject, shape: OutputShape): IDataObject[] {
	const choices = completion.choices;
	if (!Array.isArray(choices) || choices.length === 0) {
		throw new AnswerProblem(
			'the API answered with no choices',
			false,
			'The model gave no answer, which some gateways do when a content filter blocks the image or prompt.',
		);
	}
	const parsed = (choice: IDataObject) =>
		shape.parseJson ? { parsed: parseAnswer(choice) as IDataObject } : {};
	const simplified = (choice: IDataObject): IDataObject => ({
		content: choiceText(choice),
		...parsed(choice),
		...reasoningOf(choice),
		usage: completion.usage ?? null,
		model: completion.model ?? null,
		finish_reason: choice.finish_reason ?? null,
	});
	const full = (selected: IDataObject[]): IDataObject => ({
		...completion,
		choices: selected,
		...parsed(selected[0]),
	});
	const picked = shape.splitChoices ? (choices as IDataObject[]) : [choices[0] as IDataObject];
	if (shape.simplify) {
		return picked.map((choice) => ({
			...simplified(choice),
			...(shape.splitChoices ? { index: choice.index ?? null } : {}),
		}));
	}
	return shape.splitChoices
		? picked.map((choice) => full([choice]))
		: [full(choices as IDataObject[])];
}
