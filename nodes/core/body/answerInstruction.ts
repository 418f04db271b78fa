import type { IDataObject } from 'n8n-workflow';

import type { AnswerFormat } from '../item/answerFormat';

/**
 * Pure: which words about the answer's form the messages need, given the response_format the
 * body sends: the schema itself where the API is not given it as json_schema (a gateway without
 * json_schema, or a refusal of it), or the word JSON that JSON Object mode requires (OpenAI,
 * Qwen, ...) when no message says it.
 */
export function answerInstruction(
	answer: Pick<AnswerFormat, 'schema'>,
	fields: IDataObject,
): 'schema' | 'json' | 'none' {
	const sent = (fields.response_format as IDataObject | undefined)?.type;
	if (answer.schema && sent !== 'json_schema') return 'schema';
	return sent === 'json_object' ? 'json' : 'none';
}

/** Pure: the messages with the instruction the body needs (see answerInstruction), in the system message. */
export function withAnswerInstruction(
	messages: IDataObject[],
	answer: Pick<AnswerFormat, 'schema'>,
	fields: IDataObject,
): IDataObject[] {
	const needed = answerInstruction(answer, fields);
	if (needed === 'none') return messages;
	if (needed === 'json' && JSON.stringify(messages.map((m) => m.content)).match(/json/i)) {
		return messages;
	}
	const text =
		needed === 'schema'
			? `Answer with one JSON object and nothing else. It must follow this JSON Schema:\n${JSON.stringify(answer.schema)}`
			: 'Answer in JSON.';
	const [first, ...rest] = messages;
	if (first?.role === 'system' && typeof first.content === 'string') {
		return [{ ...first, content: `${first.content}\n\n${text}` }, ...rest];
	}
	return [{ role: 'system', content: text }, ...messages];
}
