import type { BodyStream } from './boundedBody';

const NEWLINE = 0x0a;

/**
 * A response body of JSON Lines (a batch's file) read line by line: each whole line goes to
 * `onLine` as it arrives, so memory follows one line (at most `maxLineBytes`) and what `onLine`
 * keeps, never the body's size, and no string of the whole body is made (Node's strings end at
 * 512 MiB). Stopped (the connection closed) once its bytes pass `maxBytes`. With `headOnly`, a
 * longer line is not an error: `onLine` gets its first `maxLineBytes` and the rest is skipped.
 */
export async function readBoundedLines(
	stream: BodyStream,
	limit: {
		maxBytes: number;
		tooLarge: () => Error;
		maxLineBytes: number;
		lineTooLong: () => Error;
		headOnly?: boolean;
	},
	onLine: (line: Buffer) => void,
): Promise<void> {
	let size = 0;
	// The start of a line whose end has not come yet (with headOnly, at most its head).
	let partial: Buffer[] = [];
	let partialBytes = 0;
	const tooLong = () => {
		stream.destroy();
		return limit.lineTooLong();
	};
	for await (const chunk of stream) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		size += bytes.length;
		if (size > limit.maxBytes) {
			stream.destroy();
			throw limit.tooLarge();
		}
		let start = 0;
		for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
			let piece = bytes.subarray(start, end);
			const room = limit.maxLineBytes - partialBytes;
			if (piece.length > room) {
				if (!limit.headOnly) throw tooLong();
				piece = piece.subarray(0, room);
			}
			onLine(partial.length > 0 ? Buffer.concat([...partial, piece]) : piece);
			partial = [];
			partialBytes = 0;
			start = end + 1;
		}
		if (start < bytes.length) {
			const rest = bytes.subarray(start, start + limit.maxLineBytes - partialBytes);
			// One line may not hold the file: a line without end is stopped at its own limit.
			if (rest.length < bytes.length - start && !limit.headOnly) throw tooLong();
			if (rest.length > 0) partial.push(rest);
			partialBytes += rest.length;
		}
	}
	if (partial.length > 0) onLine(Buffer.concat(partial));
}
