import type { IDataObject } from 'n8n-workflow';

import { AnswerProblem } from '../failures/problems';
import { tryParseJson } from '../json';

export interface OutputShape {
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

function parseAnswer(choice: IDataObject): unknown {
	const text = choiceText(choice) ?? '';
	const parsed = tryParseJson(text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1'));
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

/** Pure: the output items' JSON for one completion. */
export function completionToOutput(completion: IDataObject, shape: OutputShape): IDataObject[] {
	const choices = completion.choices;
	if (!Array.isArray(choices) || choices.length === 0) {
		throw new AnswerProblem(
			'the API answered with no choices',
			false,
			'The model gave no answer, which some gateways do when a content filter blocks the image or prompt.',
		);
	}
	const common = {
		usage: completion.usage ?? null,
		model: completion.model ?? null,
		id: completion.id ?? null,
	};
	const parsed = (choice: IDataObject) =>
		shape.parseJson ? { parsed: parseAnswer(choice) as IDataObject } : {};
	if (shape.splitChoices) {
		return (choices as IDataObject[]).map((choice) => ({
			content: choiceText(choice),
			...parsed(choice),
			index: choice.index,
			finish_reason: choice.finish_reason,
			message: choice.message,
			...common,
		}));
	}
	const first = choices[0] as IDataObject;
	return [{ content: choiceText(first), ...parsed(first), choices, ...common }];
}
