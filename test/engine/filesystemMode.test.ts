/** Binary images in n8n's filesystem mode: the item's binary holds an ID, the bytes live on disk. */
import { userParts } from '../server/openAiServer';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { decodeDataUrl, jpegOfSize, makePng, pdfBytes } from '../support/images';
import { useTestServer, runVisionChat } from './harness';

const server = useTestServer('filesystem');

test('binary images stored on disk are read through n8n and sent byte for byte', async () => {
	const png = makePng(5, 5, 3);
	const jpeg = jpegOfSize(50_000);
	const result = await runVisionChat({
		items: [
			{ json: {}, binary: { data: { data: png, fileName: 'a.png', mimeType: 'image/png' } } },
			{ json: {}, binary: { data: { data: jpeg, fileName: 'b.jpg', mimeType: 'image/jpeg' } } },
		],
		parameters: visionParameters({ options: { keepBinary: true } }),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	// In filesystem mode the item itself carries no bytes, only a reference.
	expect(result.items[0].binary?.data.id).toMatch(/^filesystem/);
	const sent = server.completions
		.map((request) => decodeDataUrl(userParts(request.body)[1].image_url.url))
		.sort((a, b) => a.bytes.length - b.bytes.length);
	expect(sent[0]).toEqual({ mimeType: 'image/png', bytes: png });
	expect(sent[1]).toEqual({ mimeType: 'image/jpeg', bytes: jpeg });
});

test('a PDF stored on disk is known by its first bytes even when it claims to be a PNG: a document, refused where the API is not known to take one', async () => {
	const result = await runVisionChat({
		items: [
			{
				json: {},
				binary: { data: { data: pdfBytes, fileName: 'scan.png', mimeType: 'image/png' } },
			},
		],
		parameters: visionParameters(),
		credentials: credentialsFor(server),
	});
	expect(result.error.message).toBe(
		'Documents: it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images [item 0]',
	);
	expect(server.completions).toHaveLength(0);
});

test('an item reads its image only once it holds a concurrency slot', async () => {
	const { Container } = require('@n8n/di');
	const { BinaryDataService } = require('n8n-core');
	const service = Container.get(BinaryDataService);
	const read = service.getAsBuffer.bind(service);
	// Items whose image was read minus answers already sent: at most the items holding a slot.
	let reads = 0;
	let mostLoaded = 0;
	const spy = jest.spyOn(service, 'getAsBuffer').mockImplementation(async (...args: unknown[]) => {
		reads++;
		const answered = server.completions.filter(
			(request) => request.answeredAt !== undefined,
		).length;
		mostLoaded = Math.max(mostLoaded, reads - answered);
		return await read(...args);
	});
	server.latencyMs = 20;
	try {
		const image = makePng(4, 4, 1);
		const result = await runVisionChat({
			items: Array.from({ length: 24 }, () => ({
				json: {},
				binary: { data: { data: image, mimeType: 'image/png' } },
			})),
			parameters: visionParameters({ options: { maxConcurrency: 3 } }),
			credentials: credentialsFor(server),
		});
		expect(result.error).toBeUndefined();
		expect(reads).toBe(24);
		expect(mostLoaded).toBe(3);
	} finally {
		spy.mockRestore();
	}
});
