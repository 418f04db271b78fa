import { Readable } from 'stream';

import {
	decodeBody,
	nestsDeeperThan,
	readBoundedBody,
	readDecodedBody,
} from '../../../../nodes/core/answer/boundedBody';

const streamOf = (...chunks: string[]) => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

test('a body within Max Answer Size is read whole; one past it is stopped there, not read on', async () => {
	await expect(readBoundedBody(streamOf('ab', 'cd'), { maxBytes: 4 })).resolves.toEqual(
		Buffer.from('abcd'),
	);
	let pulled = 0;
	const endless = Readable.from(
		(function* () {
			for (;;) {
				pulled++;
				yield Buffer.alloc(1024);
			}
		})(),
	);
	await expect(readBoundedBody(endless, { maxBytes: 4096 })).rejects.toThrow(
		"the API's answer passed Max Answer Size (0.004 MB) and was not read further",
	);
	expect(pulled).toBeLessThan(10);
});

test("reading stops when the try's deadline fires", async () => {
	const deadline = new AbortController();
	const slow = new Readable({ read() {} });
	slow.push('{"partial":');
	const reading = readBoundedBody(slow, { maxBytes: 1024, signal: deadline.signal });
	deadline.abort(new Error('deadline'));
	await expect(reading).rejects.toThrow();
});

test('JSON is parsed, anything else stays text; JSON nested deeper than any chat answer is refused', () => {
	expect(decodeBody(Buffer.from(' {"a": [1, {"b": "c"}]}'))).toEqual({ a: [1, { b: 'c' }] });
	expect(decodeBody(Buffer.from('data: {"x": 1}\n\n'))).toBe('data: {"x": 1}\n\n');
	expect(decodeBody(Buffer.from('{"broken":'))).toBe('{"broken":');
	expect(nestsDeeperThan('[[["]]]]]]"]]]', 3)).toBe(false);
	expect(nestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
	expect(() => decodeBody(Buffer.from(`${'['.repeat(300)}${']'.repeat(300)}`))).toThrow(
		'nested more than 256 levels',
	);
});

test('a body already read (not a stream) passes as it is', async () => {
	await expect(readDecodedBody({ id: 'x' }, { maxBytes: 1 })).resolves.toEqual({ id: 'x' });
	await expect(readDecodedBody(streamOf('{"id":"y"}'), { maxBytes: 100 })).resolves.toEqual({
		id: 'y',
	});
});
