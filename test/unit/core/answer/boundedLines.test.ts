import { readBoundedLines } from '../../../../nodes/core/answer/boundedLines';
import type { BodyStream } from '../../../../nodes/core/answer/boundedBody';

/** A body arriving in the given chunks; `destroyed` says whether the reader let go. */
function body(chunks: string[]): BodyStream & { destroyed: boolean } {
	const stream = {
		destroyed: false,
		destroy() {
			stream.destroyed = true;
		},
		async *[Symbol.asyncIterator]() {
			for (const chunk of chunks) yield Buffer.from(chunk);
		},
	};
	return stream;
}

const tooLarge = () => new Error('too large');

test('each whole line goes out as it arrives, however the chunks cut it; the last needs no newline', async () => {
	const lines: string[] = [];
	await readBoundedLines(
		body(['{"a":1}\n{"b"', ':2}', '\n\n{"c":3}\n{"d"', ':4}']),
		{ maxBytes: 1000, tooLarge },
		(line) => lines.push(line.toString('utf8')),
	);
	expect(lines).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}', '{"d":4}']);
});

test('past the limit the body is let go with the caller’s error, the lines before it already out', async () => {
	const lines: string[] = [];
	const stream = body(['12345\n', '67890\n', 'abcde\n']);
	await expect(
		readBoundedLines(stream, { maxBytes: 12, tooLarge }, (line) => lines.push(String(line))),
	).rejects.toThrow('too large');
	expect(lines).toEqual(['12345', '67890']);
	expect(stream.destroyed).toBe(true);
});
