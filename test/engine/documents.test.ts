/**
 * Scans arrive as PDFs: a PDF goes beside the item's images, in the form the gateway takes, or is
 * the item's clear error before sending; never dropped.
 */
import { apiError } from '../server/openAiServer';
import type { ReceivedRequest } from '../server/openAiServer';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { decodeDataUrl, makePng, pdfBytes, textBytes } from '../support/images';
import { runVisionChat, runVisionChatBatch, useTestServer } from './harness';

const server = useTestServer();
afterEach(() => expect(server.invalidReplies).toEqual([]));

const png = makePng(2, 2, 3);
const invoice = {
	json: { fileName: 'invoice.pdf' },
	binary: {
		data: { data: pdfBytes, mimeType: 'application/pdf', fileName: 'invoice.pdf' },
		photo: { data: png, mimeType: 'image/png', fileName: 'photo.png' },
	},
};
const PDF_DATA_URL = `data:application/pdf;base64,${pdfBytes.toString('base64')}`;
const partsOf = (request: ReceivedRequest) => request.body.messages[0].content;
const documentParameters = (options: Record<string, unknown>, more: Record<string, unknown> = {}) =>
	visionParameters({
		prompt: 'Read the invoice',
		binaryPropertyNames: 'data, photo',
		options: { maxRetries: 0, ...options },
		...more,
	});

test("OpenAI's file part: a binary PDF and a PDF data URL beside the item's image, in order, as the spec has it", async () => {
	const result = await runVisionChat({
		items: [invoice],
		parameters: documentParameters(
			{ documentsAs: 'file' },
			{ imageUrls: `https://x.test/cat.png\n${PDF_DATA_URL}`, imageDetail: 'low' },
		),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	const [request] = server.completions;
	expect(request.schemaErrors).toEqual([]);
	const parts = partsOf(request);
	expect(parts.map((part: any) => part.type)).toEqual([
		'text',
		'file',
		'image_url',
		'image_url',
		'file',
	]);
	expect(parts[1]).toEqual({
		type: 'file',
		file: { filename: 'invoice.pdf', file_data: PDF_DATA_URL },
	});
	expect(decodeDataUrl(parts[1].file.file_data)).toEqual({
		mimeType: 'application/pdf',
		bytes: pdfBytes,
	});
	expect(parts[2].image_url.detail).toBe('low');
	expect(parts[4]).toEqual({
		type: 'file',
		file: { filename: 'document.pdf', file_data: PDF_DATA_URL },
	});
	expect(request.body.plugins).toBeUndefined();
});

test('OpenAI takes no PDF by URL: the item says to download it first, nothing is sent', async () => {
	const result = await runVisionChat({
		items: [{ json: {} }],
		parameters: documentParameters(
			{ documentsAs: 'file' },
			{ binaryImages: 'none', imageUrls: 'https://files.test/scans/invoice-7.pdf' },
		),
		credentials: credentialsFor(server),
	});
	expect(result.error.message).toBe(
		'Image URLs: "https://files.test/scans/invoice-7.pdf" is a PDF by URL, which OpenAI\'s file part does not take: download it first (HTTP Request node, Response Format File) and send it as binary data [item 0]',
	);
	expect(server.completions).toHaveLength(0);
});

test("OpenRouter's shape: the file part takes the URL, and the PDF Engine goes as its file-parser plugin", async () => {
	const result = await runVisionChat({
		items: [{ json: {} }],
		parameters: documentParameters(
			{ documentsAs: 'openrouter', pdfEngine: 'mistral-ocr' },
			{ binaryImages: 'none', imageUrls: 'https://files.test/scans/invoice-7.pdf' },
		),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	const [request] = server.completions;
	expect(request.body.plugins).toEqual([{ id: 'file-parser', pdf: { engine: 'mistral-ocr' } }]);
	expect(partsOf(request)[1]).toEqual({
		type: 'file',
		file: { filename: 'invoice-7.pdf', file_data: 'https://files.test/scans/invoice-7.pdf' },
	});
	// The engine is sent only with a PDF.
	await runVisionChat({
		items: [{ json: {} }],
		parameters: documentParameters(
			{ documentsAs: 'openrouter', pdfEngine: 'mistral-ocr' },
			{ binaryImages: 'none', imageUrls: 'https://x.test/cat.png' },
		),
		credentials: credentialsFor(server),
	});
	expect(server.completions[1].body.plugins).toBeUndefined();
});

test("Mistral's shape: a document_url part (Mistral's own, outside OpenAI's spec)", async () => {
	server.takesDocumentUrl = true;
	const result = await runVisionChat({
		items: [invoice],
		parameters: documentParameters({ documentsAs: 'document_url' }),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	const parts = partsOf(server.completions[0]);
	expect(parts[1]).toEqual({ type: 'document_url', document_url: PDF_DATA_URL });
	expect(parts[2].type).toBe('image_url');
	expect(server.completions[0].schemaErrors).toEqual([]);
});

test('an API not known to take PDFs: the item names what to do before anything is sent; the others answer', async () => {
	const photo = { json: {}, binary: { data: { data: png, mimeType: 'image/png' } } };
	const result = await runVisionChat({
		items: [photo, { ...invoice, binary: { data: invoice.binary.data } }, photo],
		parameters: visionParameters({ prompt: 'Read it' }),
		credentials: credentialsFor(server),
		continueOnFail: true,
	});
	expect(result.items.map((item) => item.json.error ?? 'answered')).toEqual([
		'answered',
		'Documents: it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images [item 1]',
		'answered',
	]);
	expect(server.completions).toHaveLength(2);
});

test('a refusal of the document at run time gets the hint that names what to do', async () => {
	server.script = () => ({
		kind: 'json',
		status: 400,
		body: apiError(
			'Failed to deserialize the JSON body: unknown variant `file`, expected `text` or `image_url`',
		),
	});
	const result = await runVisionChat({
		items: [invoice],
		parameters: documentParameters({ documentsAs: 'file' }),
		credentials: credentialsFor(server),
	});
	expect(result.error.message).toBe(
		'The API answered 400: model "gpt-4o-mini" does not take PDF documents (the API says: Failed to deserialize the JSON body: unknown variant `file`, expected `text` or `image_url`) [item 0]',
	);
	expect(result.error.description).toMatch(
		/^Send PDFs to an API that takes them \(OpenAI, OpenRouter or Mistral/,
	);
});

test('a PDF over Max Document Size is refused naming the item and the size; a fake PDF is refused as a fake image is', async () => {
	const bigPdf = Buffer.concat([pdfBytes, Buffer.alloc(20 * 1024, 0x20)]);
	const big = {
		json: {},
		binary: { data: { data: bigPdf, mimeType: 'application/pdf', fileName: 'big.pdf' } },
	};
	const fake = {
		json: {},
		binary: { data: { data: textBytes, mimeType: 'application/pdf', fileName: 'fake.pdf' } },
	};
	const result = await runVisionChat({
		items: [big, fake],
		parameters: visionParameters({
			options: { documentsAs: 'file' },
			limits: { maxDocumentSizeMb: 0.01 },
		}),
		credentials: credentialsFor(server),
		continueOnFail: true,
		typeVersion: 1.1,
	});
	expect(result.items.map((item) => item.json.error)).toEqual([
		'Binary Property Names: binary property "data" is 0.02 MB, over the Max Document Size of 0.01 MB [item 0]',
		'Binary Property Names: binary property "data" (fake.pdf) is not a PNG, JPEG, WEBP or GIF image, or a PDF (its first bytes say otherwise) [item 1]',
	]);
	expect(server.completions).toHaveLength(0);
});

test('Vision Chat Batch puts the PDF in its line in the same form', async () => {
	const submitted = await runVisionChatBatch({
		items: [invoice],
		parameters: documentParameters({ documentsAs: 'file' }, { operation: 'submit' }),
		credentials: credentialsFor(server),
	});
	expect(submitted.error).toBeUndefined();
	const [line] = server.batchApi.lines;
	expect(line.schemaErrors).toEqual([]);
	expect(line.body.messages[0].content[1]).toEqual({
		type: 'file',
		file: { filename: 'invoice.pdf', file_data: PDF_DATA_URL },
	});
});
