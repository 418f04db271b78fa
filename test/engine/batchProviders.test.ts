/**
 * The provider table's Batch API column, as a user copies a row: every provider marked "yes",
 * its Base URL pointed at the local test server with its path kept, submits a batch and gets
 * every answer back, the test server emulating where that provider's Batch API differs.
 */
import { PROVIDERS } from '../../nodes/core/providers';
import { credentialsFor, visionParameters } from '../support/fixtures';
import type { BatchProvider } from '../server/batchApi';
import { runVisionChatBatch, useTestServer } from './harness';

const server = useTestServer();
afterEach(() => {
	expect(server.invalidReplies).toEqual([]);
	for (const line of server.batchApi.lines) expect(line.schemaErrors).toEqual([]);
});

const withBatches = PROVIDERS.filter(({ batch }) => batch.is === 'yes');

/** Which of the test server's emulations stands in for a row. */
function emulation(name: string): BatchProvider {
	if (name.startsWith('Zhipu')) return 'zhipu';
	if (name.startsWith('Together')) return 'together';
	if (name.startsWith('SiliconFlow')) return 'siliconflow';
	return 'openai';
}

test('the table says which providers take a batch: OpenAI and the gateways that copy its Batch API', () => {
	expect(withBatches.map(({ name }) => name.split(' ')[0])).toEqual(
		expect.arrayContaining(['OpenAI', 'Groq', 'Together', 'Alibaba', 'Zhipu', 'SiliconFlow']),
	);
});

test.each(withBatches)(
	'$name: a batch through $baseUrl is submitted and every answer comes back',
	async ({ name, baseUrl, batch }) => {
		server.batchApi.provider = emulation(name);
		const credentials = {
			...credentialsFor(server),
			baseUrl: baseUrl.replace(/^https?:\/\/[^/]+/, server.url),
		};
		const items = ['a', 'b', 'c'].map((letter) => ({
			json: { url: `https://example.com/${letter}.png` },
		}));
		const submitted = await runVisionChatBatch({
			items,
			parameters: visionParameters({
				operation: 'submit',
				binaryImages: 'none',
				imageUrls: '={{ $json.url }}',
				// Together's own upload is chosen by its host, which the local server cannot have.
				options: batch.style ? { batchApi: batch.style } : {},
			}),
			credentials,
		});
		expect(submitted.error).toBeUndefined();
		expect([...server.batchApi.batches.values()].map((batch) => batch.object.endpoint)).toEqual([
			server.batchApi.endpoint,
		]);

		let pending = submitted.items.map(({ json }) => ({ json }));
		const answered: string[] = [];
		for (let round = 0; round < 3 && pending.length > 0; round++) {
			const results = await runVisionChatBatch({
				items: pending,
				parameters: visionParameters({ operation: 'getResults' }),
				credentials,
			});
			expect(results.error).toBeUndefined();
			for (const { json } of results.items) {
				expect(json.error).toBeUndefined();
				answered.push(String(json.url));
			}
			pending = results.errorItems.map(({ json }) => ({ json }));
		}
		expect(answered.sort()).toEqual(items.map(({ json }) => json.url));
	},
);
