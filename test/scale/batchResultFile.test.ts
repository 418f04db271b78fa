/**
 * A batch whose result file is larger than any string Node.js can make (512 MiB): Get Results
 * reads it line by line, keeps only the lines of its own items, and its memory follows them, not
 * the file. n8n-core's engine against the test server, which makes the file as it sends it.
 */
import { credentialsFor, visionParameters } from '../support/fixtures';
import { runVisionChatBatch, useTestServer } from '../engine/harness';

jest.setTimeout(300_000);

const server = useTestServer();

const MB = 1024 * 1024;
const FILE_MB = 600;

test(`a ${FILE_MB} MB result file: every item's answer, with memory far below the file's size`, async () => {
	const submitted = await runVisionChatBatch({
		items: [0, 1, 2].map((index) => ({ json: { name: `item ${index}` } })),
		parameters: visionParameters({
			operation: 'submit',
			prompt: '={{ $json.name }}',
			binaryImages: 'none',
		}),
		credentials: credentialsFor(server),
	});
	expect(submitted.error).toBeUndefined();
	server.batchApi.outputPaddingBytes = FILE_MB * MB;
	global.gc?.();
	const before = process.memoryUsage();
	let peakHeap = before.heapUsed;
	let peakRss = before.rss;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peakHeap = Math.max(peakHeap, now.heapUsed);
		peakRss = Math.max(peakRss, now.rss);
	}, 20);
	const results = await runVisionChatBatch({
		items: submitted.items.map(({ json }) => ({ json })),
		parameters: visionParameters({ operation: 'getResults' }),
		credentials: credentialsFor(server),
	}).finally(() => clearInterval(sampler));
	expect(results.error).toBeUndefined();
	expect(results.items.map((item) => item.json.name)).toEqual(['item 0', 'item 1', 'item 2']);
	const heapMb = Math.round((peakHeap - before.heapUsed) / MB);
	const rssMb = Math.round((peakRss - before.rss) / MB);
	// For the record (the closing note of a change quotes it): the file read whole took more
	// than its own size, and over 512 MiB it failed with ERR_STRING_TOO_LONG.
	console.log(`${FILE_MB} MB result file: heap grew ${heapMb} MB at most, RSS ${rssMb} MB`);
	expect(heapMb).toBeLessThan(FILE_MB / 4);
	expect(rssMb).toBeLessThan(FILE_MB / 2);
});

test('a result file past Max Result File Size fails the node with the option named, and is not read further', async () => {
	const submitted = await runVisionChatBatch({
		items: [{ json: { name: 'item 0' } }],
		parameters: visionParameters({
			operation: 'submit',
			prompt: '={{ $json.name }}',
			binaryImages: 'none',
		}),
		credentials: credentialsFor(server),
	});
	server.batchApi.outputPaddingBytes = FILE_MB * MB;
	const results = await runVisionChatBatch({
		items: submitted.items.map(({ json }) => ({ json })),
		parameters: visionParameters({
			operation: 'getResults',
			resultOptions: { maxResultFileMb: 20 },
		}),
		credentials: credentialsFor(server),
	});
	expect(results.error.message).toMatch(
		/^Downloading the batch file file-\d+: the file passed Max Result File Size \(20 MB\) and was not read further$/,
	);
});
