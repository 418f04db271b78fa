import type { IDataObject } from 'n8n-workflow';

import { apiErrorMessage } from '../errors/apiMessage';
import { AnswerProblem } from '../errors/problems';
import { tryParseJson } from '../json';

interface ChoiceDraft {
	index: number;
	role: string;
	content: string | null;
	refusal: string | null;
	/** Thinking text some gateways stream beside the answer (DeepSeek, Qwen, GLM). */
	reasoning: string | null;
	finishReason: string | null;
}

function appendText(current: string | null, piece: unknown): string | null {
	return typeof piece === 'string' ? (current ?? '') + piece : current;
}

/**
 * Pure: a chat-completions event stream (`data: {chunk}` lines up to `data: [DONE]`) as the
 * completion object the same request without streaming returns.
 */
export function assembleEventStream(text: string): IDataObject {
	const completion: IDataObject = { object: 'chat.completion' };
	const choices = new Map<number, ChoiceDraft>();
	let done = false;
	for (const line of text.split(/\r?\n/)) {
		if (!line.startsWith('data:')) continue;
		const data = line.slice(5).trim();
		if (data === '[DONE]') {
			done = true;
			break;
		}
		if (!data) continue;
		const parsed = tryParseJson(data);
		if ('error' in parsed) {
			throw new AnswerProblem(
				`the event stream has a line that is not JSON: ${data.slice(0, 120)}`,
				true,
			);
		}
		const chunk = parsed.value as IDataObject;
		if (typeof chunk !== 'object' || chunk === null || Array.isArray(chunk)) {
			throw new AnswerProblem(
				`the event stream has a line that is not a chunk of an answer: ${data.slice(0, 120)}`,
				true,
			);
		}
		if (chunk.error) {
			throw new AnswerProblem(
				`the API sent an error in the stream: ${apiErrorMessage(chunk)}`,
				false,
			);
		}
		for (const key of ['id', 'created', 'model', 'system_fingerprint', 'service_tier']) {
			if (chunk[key] !== undefined && chunk[key] !== null) completion[key] = chunk[key];
		}
		if (chunk.usage) completion.usage = chunk.usage;
		for (const piece of (chunk.choices as IDataObject[] | undefined) ?? []) {
			const index = Number(piece.index ?? 0);
			let draft = choices.get(index);
			if (!draft) {
				draft = {
					index,
					role: 'assistant',
					content: null,
					refusal: null,
					reasoning: null,
					finishReason: null,
				};
				choices.set(index, draft);
			}
			const delta = (piece.delta ?? {}) as IDataObject;
			if (typeof delta.role === 'string') draft.role = delta.role;
			draft.content = appendText(draft.content, delta.content);
			draft.refusal = appendText(draft.refusal, delta.refusal);
			draft.reasoning = appendText(draft.reasoning, delta.reasoning_content ?? delta.reasoning);
			if (piece.finish_reason) draft.finishReason = piece.finish_reason as string;
		}
	}
	if (!done) {
		throw new AnswerProblem(
			'the event stream ended before "data: [DONE]": the answer was cut off',
			true,
		);
	}
	completion.choices = [...choices.values()]
		.sort((a, b) => a.index - b.index)
		.map((draft) => ({
			index: draft.index,
			message: {
				role: draft.role,
				content: draft.content,
				refusal: draft.refusal,
				...(draft.reasoning === null ? {} : { reasoning_content: draft.reasoning }),
			},
			// The node asks for no log probabilities (nor tools), so a stream carries none.
			logprobs: null,
			finish_reason: draft.finishReason,
		}));
	return completion;
}
