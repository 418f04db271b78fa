import { BatchFile, parseResultLine, requestLine } from '../../../nodes/VisionChatBatch/jsonl';

test('a request line is the custom ID, the endpoint and the body bytes as they are, one JSON line', () => {
	const body = Buffer.from('{"model":"m","messages":[{"role":"user","content":"\\"hi\\""}]}');
	const line = requestLine('item "1"', '/v1/chat/completions', body);
	expect(line.toString('utf8').endsWith('}\n')).toBe(true);
	expect(JSON.parse(line.toString('utf8'))).toEqual({
		custom_id: 'item "1"',
		method: 'POST',
		url: '/v1/chat/completions',
		body: JSON.parse(body.toString('utf8')),
	});
});

test('result lines are read with their custom ID; blank lines and lines that are not results are skipped', () => {
	const text = [
		'{"custom_id":"a","response":{"status_code":200,"body":{"id":"x"}}}',
		'',
		'not json',
		'{"no_custom_id":true}',
		'{"custom_id":"b","error":{"message":"expired"}}',
	].join('\n');
	const lines = text.split('\n').map((line) => parseResultLine(Buffer.from(line)));
	expect(lines.filter(Boolean)).toEqual([
		{ custom_id: 'a', response: { status_code: 200, body: { id: 'x' } } },
		{ custom_id: 'b', error: { message: 'expired' } },
	]);
});

test('a batch file takes lines while they fit its limits of lines and bytes; an empty file takes any line', () => {
	const file = new BatchFile(2, 10);
	expect(file.fits(50)).toBe(true);
	file.add(Buffer.alloc(4), 0, 'a');
	expect(file.fits(6)).toBe(true);
	expect(file.fits(7)).toBe(false);
	file.add(Buffer.alloc(6), 3, 'b');
	expect(file.fits(0)).toBe(false);
	expect([file.bytes, file.itemIndexes, file.customIds]).toEqual([10, [0, 3], ['a', 'b']]);
});
