import type { BodyStream } from './boundedBody';

const NEWLINE = 0x0a;

/**
 * A response body of JSON Lines (a batch's result file) read line by line: each whole line goes
 * to `onLine` as it arrives, so memory follows one line (at most `maxLineBytes`) and what
 * `onLine` keeps, never the body's size, and no string of the whole body is made (Node's strings
 * end at 512 MiB). Stopped (the connection closed) once its bytes pass `maxBytes`.
 */
export async function readBoundedLines(
	stream: BodyStream,
	limit: {
		maxBytes: number;
		tooLarge: () => Error;
		maxLineBytes: number;
		lineTooLong: () => Error;
	},
	onLine: (line: Buffer) => void,
): Promise<void> {
	let size = 0;
	// The start of a line whose end has not come yet.
	let partial: Buffer[] = [];
	let partialBytes = 0;
	for await (const chunk of stream) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		size += bytes.length;
		if (size > limit.maxBytes) {
			stream.destroy();
			throw limit.tooLarge();
		}
		let start = 0;
		for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
			const piece = bytes.subarray(start, end);
			if (partialBytes + piece.length > limit.maxLineBytes) {
				stream.destroy();
				throw limit.lineTooLong();
			}
			onLine(partial.length > 0 ? Buffer.concat([...partial, piece]) : piece);
			partial = [];
			partialBytes = 0;
			start = end + 1;
		}
		if (start < bytes.length) {
			partial.push(bytes.subarray(start));
			partialBytes += bytes.length - start;
			// One line may not hold the file: a line without end is stopped at its own limit.
			if (partialBytes > limit.maxLineBytes) {
				stream.destroy();
				throw limit.lineTooLong();
			}
		}
	}
	if (partial.length > 0) onLine(Buffer.concat(partial));
}
