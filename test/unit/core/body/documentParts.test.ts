import {
	checkDeclaredDocuments,
	documentShape,
	documentsAmong,
	withDocumentParts,
} from '../../../../nodes/core/body/documentParts';
import { PROVIDERS } from '../../../../nodes/core/providers';
import type { DocumentsForm } from '../../../../nodes/core/providers';

const auto = { documentsAs: 'auto' as const, urlsArePdfs: false };

/** A provider's Documents fact, as the shape the node sends or the refusal it gives. */
const sent = (form: DocumentsForm) =>
	form === 'none'
		? 'takes no PDF documents'
		: form === 'not checked'
			? 'it is not known whether this API takes PDF documents'
			: form;

const shapeAt = (baseUrl: string) => {
	try {
		return documentShape(baseUrl, auto);
	} catch (error) {
		return (error as Error).message.split(':')[0];
	}
};

test.each(PROVIDERS)(
	'$name: the form of a PDF is what its Documents fact says ($documents.is)',
	({ baseUrl, documents }) => {
		expect(shapeAt(baseUrl)).toContain(sent(documents.is));
	},
);

test.each([
	['https://api.openai.com/v1', 'file'],
	['https://openrouter.ai/api/v1', 'openrouter'],
	['https://api.mistral.ai/v1', 'document_url'],
	['https://codestral.mistral.ai/v1', 'document_url'],
	['https://api.deepseek.com', 'this API takes no PDF documents'],
	['https://api.groq.com/openai/v1', 'it is not known whether this API takes PDF documents'],
	['https://openai.com.example/v1', 'it is not known whether this API takes PDF documents'],
])('a PDF to %s goes as %s', (baseUrl, form) => {
	expect(shapeAt(baseUrl)).toBe(form);
});

test('Documents As decides for any Base URL, a proxy included', () => {
	expect(documentShape('http://127.0.0.1:4000/v1', { ...auto, documentsAs: 'document_url' })).toBe(
		'document_url',
	);
	expect(documentShape('https://api.deepseek.com', { ...auto, documentsAs: 'file' })).toBe('file');
});

test('which parts are documents: PDFs by path or data URL, binary PDFs by their name, any URL when told', () => {
	const inline = {
		mimeType: 'application/pdf' as const,
		bytes: Buffer.from('%PDF-'),
		fileName: 'a.pdf',
	};
	const image = { mimeType: 'image/png' as const, bytes: Buffer.alloc(1) };
	const urls = [
		'https://x.test/scans/B%C3%BCro.PDF',
		'https://x.test/a.png',
		'inline-0',
		'inline-1',
	];
	const images = [urls[0], urls[1], inline, image];
	const found = documentsAmong(images, urls, false);
	expect([...found].map(([url, document]) => [url, document.fileName])).toEqual([
		['https://x.test/scans/B%C3%BCro.PDF', 'Büro.PDF'],
		['inline-0', 'a.pdf'],
	]);
	// Only the binary PDF's data is in the body: a URL stays a URL.
	expect([...found.values()].map((document) => document.inline)).toEqual([false, true]);
	expect(documentsAmong(images, urls, true).has('https://x.test/a.png')).toBe(true);
});

test('a document part replaces its image part and drops detail; other parts stay as they are', () => {
	const messages = [
		{ role: 'system', content: 'Read' },
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'Invoice' },
				{ type: 'image_url', image_url: { url: 'inline-0', detail: 'high' } },
				{ type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'high' } },
			],
		},
	];
	const documents = new Map([['inline-0', { fileName: 'a.pdf', inline: true }]]);
	const [system, user] = withDocumentParts(messages, documents, 'file');
	expect(system).toBe(messages[0]);
	expect(user.content).toEqual([
		{ type: 'text', text: 'Invoice' },
		{ type: 'file', file: { filename: 'a.pdf', file_data: 'inline-0' } },
		{ type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'high' } },
	]);
});

test('before anything is read: PDFs known by their declared type or URL are checked against the API, images and undeclared files pass', () => {
	const binary = {
		scan: { data: '', mimeType: 'application/pdf', fileName: 'scan.pdf' },
		photo: { data: '', mimeType: 'image/png' },
		unknown: { data: '', mimeType: 'application/octet-stream' },
	};
	const check = (sources: Parameters<typeof checkDeclaredDocuments>[0], baseUrl: string) => {
		try {
			checkDeclaredDocuments(sources, binary, baseUrl, auto);
			return 'passes';
		} catch (error) {
			return (error as Error).message;
		}
	};
	const groq = 'https://api.groq.com/openai/v1';
	expect(check([{ binaryProperty: 'photo' }, { binaryProperty: 'unknown' }], groq)).toBe('passes');
	expect(check([{ binaryProperty: 'scan' }], groq)).toMatch(
		/^it is not known whether this API takes PDF documents: set Options > Documents As/,
	);
	expect(check([{ url: 'https://example.test/a.pdf' }], 'https://api.deepseek.com')).toMatch(
		/^this API takes no PDF documents/,
	);
	expect(check([{ url: 'https://example.test/a.pdf' }], 'https://api.openai.com/v1')).toBe(
		`"https://example.test/a.pdf" is a PDF by URL, which OpenAI's file part does not take: download it first (HTTP Request node, Response Format File) and send it as binary data`,
	);
	expect(check([{ binaryProperty: 'scan' }], 'https://api.openai.com/v1')).toBe('passes');
});
