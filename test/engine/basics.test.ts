import { OpenAiTestServer, userParts } from '../server/openAiServer';
import { API_KEY, credentialsFor, everythingSaid, visionParameters } from '../support/fixtures';
import { decodeDataUrl, makePng } from '../support/images';
import { initEngine, logLines, runVisionChat } from './harness';

const server = new OpenAiTestServer();

beforeAll(async () => {
	await initEngine('default');
	await server.start();
});
afterAll(async () => server.stop());
beforeEach(() => server.reset());
afterEach(() => expect(server.invalidReplies).toEqual([]));

test('one binary image: the request is schema-valid, carries the bearer key and the exact image bytes', async () => {
	const png = makePng(3, 2, 5);
	const result = await runVisionChat({
		items: [{ json: { file: 'a' }, binary: { data: { data: png, fileName: 'a.png', mimeType: 'image/png' } } }],
		parameters: visionParameters(),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	expect(server.completions).toHaveLength(1);
	const [request] = server.completions;
	expect(request.path).toBe('/v1/chat/completions');
	expect(request.schemaErrors).toEqual([]);
	expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
	const parts = userParts(request.body);
	expect(parts[0]).toEqual({ type: 'text', text: 'Describe this image' });
	expect(parts[1].image_url.detail).toBe('auto');
	const image = decodeDataUrl(parts[1].image_url.url);
	expect(image.mimeType).toBe('image/png');
	expect(image.bytes.equals(png)).toBe(true);
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json.content).toBe('Choice 0: saw 1 image(s) for "Describe this image"');
	expect(result.items[0].json.usage).toEqual({ prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 });
	expect(result.items[0].json.model).toBe('gpt-4o-mini');
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
	expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
});
