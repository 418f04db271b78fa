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
const lineTooLong = () => new Error('line too long');
const limits = (maxBytes: number, maxLineBytes = maxBytes) => ({
	maxBytes,
	tooLarge,
	maxLineBytes,
	lineTooLong,
});

test('each whole line goes out as it arrives, however the chunks cut it; the last needs no newline', async () => {
	const lines: string[] = [];
	await readBoundedLines(
		body(['{"a":1}\n{"b"', ':2}', '\n\n{"c":3}\n{"d"', ':4}']),
		limits(1000),
		(line) => lines.push(line.toString('utf8')),
	);
	expect(lines).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}', '{"d":4}']);
});

test('past the limit the body is let go with the caller’s error, the lines before it already out', async () => {
	const lines: string[] = [];
	const stream = body(['12345\n', '67890\n', 'abcde\n']);
	await expect(
		readBoundedLines(stream, limits(12), (line) => lines.push(String(line))),
	).rejects.toThrow('too large');
	expect(lines).toEqual(['12345', '67890']);
	expect(stream.destroyed).toBe(true);
});

test('CRLF lines keep their CR for the JSON reader (whitespace to it); a character cut between chunks is whole', async () => {
	const lines: string[] = [];
	const euro = Buffer.from('{"a":"€"}\r\n');
	const stream = {
		destroy() {},
		async *[Symbol.asyncIterator]() {
			yield euro.subarray(0, 8);
			yield euro.subarray(8);
		},
	};
	await readBoundedLines(stream, limits(1000), (line) => lines.push(line.toString('utf8')));
	expect(lines).toEqual(['{"a":"€"}\r']);
});

test('a line longer than its own limit stops the read, within a file that is not', async () => {
	const stream = body(['{"a":1}\n', 'x'.repeat(30), 'y'.repeat(30), '\n']);
	await expect(readBoundedLines(stream, limits(1000, 50), () => {})).rejects.toThrow(
		'line too long',
	);
	expect(stream.destroyed).toBe(true);
});

test('head only: a long line gives its first bytes and the rest is skipped, however the chunks cut it', async () => {
	const lines: string[] = [];
	const stream = body(['abcdefgh', 'ijkl\nxy', 'z\n', '0123456789\n', 'tail-without-end']);
	await readBoundedLines(stream, { ...limits(1000, 5), headOnly: true }, (line) =>
		lines.push(line.toString('utf8')),
	);
	expect(lines).toEqual(['abcde', 'xyz', '01234', 'tail-']);
	expect(stream.destroyed).toBe(false);
});
