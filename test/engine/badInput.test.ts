/** The bad-input matrix: refused before any request is sent, naming the item and the field. */
import { apiError } from '../server/openAiServer';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { jpegOfSize, makePng, pdfBytes, textBytes } from '../support/images';
import type { InputItem } from './harness';
import { useTestServer, runVisionChat } from './harness';

const server = useTestServer();

const png = { data: makePng(), fileName: 'ok.png', mimeType: 'image/png' };
const goodItem: InputItem = { json: {}, binary: { data: png } };

interface BadCase {
	name: string;
	/** The bad item (it runs as item 1, between two good ones). */
	item?: InputItem;
	parameters?: Record<string, unknown>;
	message: string | RegExp;
}

const cases: BadCase[] = [
	{
		name: 'missing binary property lists the ones the item has',
		item: { json: { names: 'data, photo' }, binary: { data: png, thumb: png } },
		parameters: { binaryPropertyNames: '={{ $json.names ?? "data" }}' },
		message:
			'Binary Property Names: the item has no binary property "photo"; it has "data", "thumb" [item 1]',
	},
	{
		name: 'item without any binary data',
		item: { json: {}, binary: undefined },
		message:
			'Binary Property Names: the item has no binary property "data"; it has no binary data and no Image URLs (set Image URLs, or Binary Images > None to send the prompt alone) [item 1]',
	},
	{
		name: 'a PDF',
		item: {
			json: {},
			binary: { data: { data: pdfBytes, fileName: 'invoice.pdf', mimeType: 'application/pdf' } },
		},
		message:
			'Documents: it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images [item 1]',
	},
	{
		name: 'a text file renamed .png',
		item: {
			json: {},
			binary: { data: { data: textBytes, fileName: 'notes.png', mimeType: 'image/png' } },
		},
		message:
			'Binary Property Names: binary property "data" (notes.png) is not a PNG, JPEG, WEBP or GIF image, or a PDF (its first bytes say otherwise) [item 1]',
	},
	{
		name: 'an image over Max Image Size',
		item: {
			json: {},
			binary: {
				data: { data: jpegOfSize(30 * 1024), fileName: 'big.jpg', mimeType: 'image/jpeg' },
			},
		},
		parameters: { options: { maxImageSizeMb: 0.02 } },
		message:
			'Binary Property Names: binary property "data" is 0.03 MB, over the Max Image Size of 0.02 MB [item 1]',
	},
	...[
		'ftp://example.com/a.png',
		'file:///etc/passwd',
		'javascript:alert(1)',
		'example.com/photo.jpg',
	].map((url) => ({
		name: `URL ${url}`,
		item: { json: { url } },
		parameters: { imageUrls: '={{ $json.url }}' },
		message: url.startsWith('example.com')
			? `Image URLs: "${url}" is not a URL: write it with http:// or https:// [item 1]`
			: `Image URLs: "${url}" uses ${new URL(url).protocol}, only http, https and data: URLs of images or PDFs are allowed [item 1]`,
	})),
	{
		name: 'a data URL that is not an image',
		item: { json: { url: 'data:text/html;base64,PGgxPg==' } },
		parameters: { imageUrls: '={{ $json.url }}' },
		message:
			'Image URLs: "data:text/html;base64,PGgxPg==" is not a base64 data URL of a PNG, JPEG, WEBP or GIF image, or of a PDF [item 1]',
	},
	{
		name: 'no prompt and no image',
		item: { json: { prompt: '' } },
		parameters: { prompt: '={{ $json.prompt ?? "Describe" }}', binaryImages: 'none' },
		message: 'Prompt: is empty and the item sends no image [item 1]',
	},
	...[
		[
			'that is not an object',
			'[1, 2]',
			'Logit Bias: must be a JSON object of token IDs to biases, e.g. {"50256": -100}',
		],
		[
			'with a key that is no token ID',
			'{"hello": 5}',
			'Logit Bias: "hello" is not a token ID (a whole number)',
		],
		[
			'out of range',
			'{"50256": -101}',
			'Logit Bias for token 50256: must be between -100 and 100, got -101',
		],
	].map(([name, bias, message]) => ({
		name: `logit_bias ${name}`,
		item: { json: { bias } },
		parameters: { modelParameters: { logitBias: '={{ $json.bias ?? "{}" }}' } },
		message: `${message} [item 1]`,
	})),
	{
		name: 'a JSON schema that is not valid JSON',
		item: { json: { schema: '{"type": "object",' } },
		parameters: {
			responseFormat: 'json_schema',
			jsonSchema: '={{ $json.schema ?? \'{"type": "object"}\' }}',
		},
		message:
			/^JSON Schema: is not valid JSON \(Expected double-quoted property name in JSON at position 18.* \[item 1\]$/,
	},
	...[
		['temperature', 3, 'Temperature', 'between 0 and 2'],
		['topP', 1.5, 'Top P', 'between 0 and 1'],
		['n', 0, 'Number of Choices', 'between 1 and 128'],
		['presencePenalty', -3, 'Presence Penalty', 'between -2 and 2'],
		['frequencyPenalty', 2.5, 'Frequency Penalty', 'between -2 and 2'],
		['maxConcurrency', -1, 'Max Concurrent Requests', 'between 0 and 200'],
		['inputTokenPrice', -1, 'Input Price per 1M Tokens', 'between 0 and ∞'],
	].map(([field, value, label, range]) => ({
		name: `${field} out of range`,
		item: { json: { value } },
		parameters: {
			[['maxConcurrency', 'inputTokenPrice'].includes(field as string)
				? 'options'
				: 'modelParameters']: {
				[field as string]: `={{ $json.value ?? 1 }}`,
			},
		},
		message: `${label}: must be ${range}, got ${value} [item 1]`,
	})),
	{
		name: 'more than 4 stop sequences',
		item: { json: { stops: ['a', 'b', 'c', 'd', 'e'] } },
		parameters: { modelParameters: { stop: '={{ $json.stops ?? [] }}' } },
		message: 'Stop Sequences: at most 4 are allowed, you gave 5: ["a","b","c","d","e"] [item 1]',
	},
	{
		name: 'a stop sequence that is not text',
		item: { json: { stops: ['END', { end: true }] } },
		parameters: { modelParameters: { stop: '={{ $json.stops ?? [] }}' } },
		message: 'Stop Sequences: sequence 2 is {"end":true}, not text [item 1]',
	},
];

describe.each(cases)('$name', (badCase) => {
	test('the item is refused with its field named, nothing is sent for it, the other items succeed', async () => {
		const result = await runVisionChat({
			items: [goodItem, { binary: goodItem.binary, ...badCase.item }, goodItem],
			parameters: visionParameters(badCase.parameters),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		const expected =
			typeof badCase.message === 'string'
				? badCase.message
				: expect.stringMatching(badCase.message);
		expect(result.items.map((item) => item.json.error ?? 'ok')).toEqual(['ok', expected, 'ok']);
		expect(server.completions).toHaveLength(2);
		expect(result.items[0].json.content).toBeDefined();
	});
});

test("without Continue On Fail the node stops with the bad item's error", async () => {
	const result = await runVisionChat({
		items: [
			goodItem,
			{
				json: {},
				binary: { data: { data: pdfBytes, fileName: 'a.pdf', mimeType: 'application/pdf' } },
			},
		],
		parameters: visionParameters(),
		credentials: credentialsFor(server),
	});
	expect(result.error.message).toBe(
		'Documents: it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images [item 1]',
	);
	expect(result.error.description).toBe('Nothing was sent for this item.');
	// Every item is checked before the first request: item 0 is not paid for either.
	expect(server.completions).toHaveLength(0);
});

describe('a mistake in the node settings (no expression) is one error about the node, before any request', () => {
	test.each([
		[
			'a broken JSON Schema',
			{ responseFormat: 'json_schema', jsonSchema: '{"type": "object",' },
			/^JSON Schema: is not valid JSON \(/,
		],
		[
			'a fifth stop sequence',
			{ modelParameters: { stop: ['a', 'b', 'c', 'd', 'e'] } },
			/^Stop Sequences: at most 4 are allowed, you gave 5/,
		],
		[
			'a bad schema name',
			{ responseFormat: 'json_schema', jsonSchemaName: 'has space' },
			/^Schema Name: must be/,
		],
		[
			'a Logit Bias that is no JSON',
			{ modelParameters: { logitBias: '{oops' } },
			/^Logit Bias: is not valid JSON/,
		],
		[
			'a Temperature of 3',
			{ modelParameters: { temperature: 3 } },
			/^Temperature: must be between 0 and 2, got 3$/,
		],
		[
			'an Image URL without a scheme',
			{ imageUrls: 'example.com/a.png' },
			/^Image URLs: "example.com\/a.png" is not a URL/,
		],
	])('%s', async (_name, parameters, message) => {
		const result = await runVisionChat({
			items: [goodItem, goodItem, goodItem],
			parameters: visionParameters(parameters),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toMatch(message);
		expect(result.error.message).not.toMatch(/\[item \d+\]/);
		// n8n's editor labels an error with the item its context names, as stored and sent to it.
		expect(JSON.parse(JSON.stringify(result.error)).context?.itemIndex).toBeUndefined();
		expect(result.error.description).toMatch(
			/^Fix .+ in the node's parameters\. Nothing was sent\.$/,
		);
		expect(server.requests).toHaveLength(0);
	});
});

test('every error message starts with a capital letter, as n8n writes its own', async () => {
	server.script = () => ({ kind: 'json', status: 400, body: apiError('bad image') });
	const result = await runVisionChat({
		items: [goodItem],
		parameters: visionParameters(),
		credentials: credentialsFor(server),
	});
	server.script = () => undefined;
	expect(result.error.message).toBe('The API answered 400: bad image [item 0]');
});
