import { apiBaseUrl } from '../../../credentials/baseUrl';
import { batchApiShape, batchObjectOf } from '../../../nodes/VisionChatBatch/providers';
import { PROVIDERS } from '../../../nodes/core/providers';

const rowOf = (name: string) => {
	const row = PROVIDERS.find((provider) => provider.name.startsWith(name));
	if (!row) throw new Error(`No row ${name}`);
	return batchApiShape(apiBaseUrl(row.baseUrl));
};

describe("each provider's Batch API, from the Base URL a user copies from the table", () => {
	test('OpenAI: lines for /v1/chat/completions, purpose batch, 50,000 lines and 200 MB a file', () => {
		expect(rowOf('OpenAI')).toEqual({
			endpoint: '/v1/chat/completions',
			filePurpose: 'batch',
			uploadPath: '/files',
			fileNameField: false,
			maxLinesPerFile: 50_000,
			maxFileSizeMb: 200,
		});
	});

	test('Zhipu: the root /api/paas/v4 takes lines for /v4/chat/completions, files up to 100 MB', () => {
		expect(rowOf('Zhipu')).toMatchObject({ endpoint: '/v4/chat/completions', maxFileSizeMb: 100 });
	});

	test('Groq (/openai/v1) and DashScope (/compatible-mode/v1) take /v1/chat/completions', () => {
		expect(rowOf('Groq')).toMatchObject({ endpoint: '/v1/chat/completions', maxFileSizeMb: 100 });
		expect(rowOf('Alibaba DashScope')).toMatchObject({ endpoint: '/v1/chat/completions' });
	});

	test('Together: its own upload path, a file_name field and purpose batch-api, by its host', () => {
		expect(rowOf('Together')).toMatchObject({
			uploadPath: '/files/upload',
			fileNameField: true,
			filePurpose: 'batch-api',
		});
		expect(batchApiShape('https://api.together.ai/v1').uploadPath).toBe('/files/upload');
		expect(batchApiShape('http://proxy.local/v1', 'together').filePurpose).toBe('batch-api');
		expect(batchApiShape('https://api.together.xyz/v1', 'openai').uploadPath).toBe('/files');
	});

	test('SiliconFlow: 5,000 lines a file', () => {
		expect(rowOf('SiliconFlow').maxLinesPerFile).toBe(5000);
	});
});

describe('a batch as the provider writes it, read in OpenAI’s terms', () => {
	test("Together's new batch comes wrapped in job, its states in capitals", () => {
		expect(batchObjectOf({ job: { id: 'b1', status: 'IN_PROGRESS' }, warning: '' })).toEqual({
			id: 'b1',
			status: 'in_progress',
		});
		expect(batchObjectOf({ id: 'b1', status: 'COMPLETED', output_file_id: 'f' })).toMatchObject({
			status: 'completed',
			output_file_id: 'f',
		});
	});

	test("OpenAI's batch as it is; an answer without one gives an empty state, not a crash", () => {
		expect(batchObjectOf({ id: 'b', status: 'in_queue' }).status).toBe('in_queue');
		expect(batchObjectOf(undefined)).toEqual({ status: '' });
		expect(batchObjectOf('text')).toEqual({ status: '' });
	});
});
