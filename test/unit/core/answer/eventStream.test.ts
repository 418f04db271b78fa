import { AnswerProblem } from '../../../../nodes/core/errors/problems';
import { assembleEventStream } from '../../../../nodes/core/answer/eventStream';
import { completionFor, streamChunksFor } from '../../../server/openAiServer';

const sse = (chunks: unknown[], done = true) =>
	chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') +
	(done ? 'data: [DONE]\n\n' : '');

describe('assembleEventStream', () => {
	const body = {
		model: 'm',
		n: 2,
		messages: [{ role: 'user', content: 'hello' }],
		stream: true,
		stream_options: { include_usage: true },
	};
	test('gives the completion the non-streamed call returns (n = 2, usage last)', () => {
		const completion = completionFor(body);
		const assembled = assembleEventStream(sse(streamChunksFor(body)));
		expect({ ...assembled, id: 'x' }).toEqual({ ...completion, id: 'x' });
	});
	test('joins content and refusal pieces, accepts CRLF lines and comments', () => {
		const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
		const text =
			': keep-alive\r\n' +
			sse([
				{
					...base,
					choices: [
						{
							index: 0,
							delta: { role: 'assistant', content: 'I can', refusal: 'I will' },
							finish_reason: null,
						},
					],
				},
				{
					...base,
					choices: [
						{ index: 0, delta: { content: 'not', refusal: ' not' }, finish_reason: 'stop' },
					],
				},
			]).replace(/\n\n/g, '\r\n\r\n');
		const [choice] = assembleEventStream(text).choices as any[];
		expect(choice.message).toEqual({
			role: 'assistant',
			content: 'I cannot',
			refusal: 'I will not',
		});
		expect(choice.finish_reason).toBe('stop');
	});
	test('a stream without [DONE] is cut off (retryable); an error event is not', () => {
		expect(() => assembleEventStream(sse(streamChunksFor(body), false))).toThrow(
			new AnswerProblem(
				'the event stream ended before "data: [DONE]": the answer was cut off',
				true,
			),
		);
		expect(() => assembleEventStream(sse([{ error: { message: 'content filter' } }]))).toThrow(
			'content filter',
		);
	});
});
