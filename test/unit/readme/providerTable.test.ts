import { PROVIDER_GROUPS } from '../../../nodes/core/providers';
import type { Provider, ProviderGroups } from '../../../nodes/core/providers';
import { providerTable, providerTableShort } from '../../../scripts/readme/providerTable';
import type { Language } from '../../../scripts/readme/providerTable';

const LANGUAGES: Language[] = ['en', 'zh'];

/** The data with one provider changed. */
function changed(name: string, change: (provider: Provider) => void): ProviderGroups {
	const groups = structuredClone(PROVIDER_GROUPS);
	const provider = Object.values(groups)
		.flat()
		.find((each) => each.name === name);
	if (!provider) throw new Error(`No provider ${name}`);
	change(provider);
	return groups;
}

/** The table's lines that differ from the table of the data as it is. */
function differingLines(language: Language, groups: ProviderGroups): string[] {
	const before = providerTable(language).split('\n');
	return providerTable(language, groups)
		.split('\n')
		.filter((line, index) => line !== before[index]);
}

test('the OpenAI row in both languages, cell by cell from its facts', () => {
	const rowOf = (language: Language) =>
		providerTable(language)
			.split('\n')
			.find((line) => line.startsWith('| OpenAI |'));
	expect(rowOf('en')).toBe(
		'| OpenAI | `https://api.openai.com/v1` | `https://api.openai.com/v1/chat/completions` | `gpt-4o-mini` | yes | json_schema | yes (`file` part, as data) | reasoning models (o-series, GPT-5) get `max_completion_tokens` and take only the default Temperature |',
	);
	expect(rowOf('zh')).toBe(
		'| OpenAI | `https://api.openai.com/v1` | `https://api.openai.com/v1/chat/completions` | `gpt-4o-mini` | 支持 | json_schema | 支持（`file` 片段，以数据发送） | 推理模型（o 系列、GPT-5）改用 `max_completion_tokens`，Temperature 只接受默认值 |',
	);
});

test.each([
	{
		fact: "OpenAI's schema form",
		groups: changed('OpenAI', (provider) => (provider.schema.is = 'json_object')),
		en: 'JSON Object, schema in the system message',
		zh: 'JSON Object，schema 写进 system 消息',
	},
	{
		fact: "Groq's Batch API file size",
		groups: changed('Groq', (provider) => (provider.batch.maxFileSizeMb = 150)),
		en: 'yes (files up to 150 MB)',
		zh: '支持（文件最大 150 MB）',
	},
	{
		fact: "SiliconFlow's lines a file",
		groups: changed('SiliconFlow', (provider) => (provider.batch.maxLinesPerFile = 20000)),
		en: '20,000 lines a file',
		zh: '每个文件最多 20,000 行',
	},
	{
		fact: "DeepSeek's documents",
		groups: changed('DeepSeek', (provider) => (provider.documents = { is: 'file' })),
		en: '| yes (`file` part, as data) |',
		zh: '| 支持（`file` 片段，以数据发送） |',
	},
])('a change of $fact changes its row in both languages, and only its row', (change) => {
	for (const language of LANGUAGES) {
		const lines = differingLines(language, change.groups);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(change[language]);
	}
});

test('each language lists every provider once, the Chinese README those in China first', () => {
	const names = (language: Language) =>
		providerTable(language)
			.split('\n')
			.slice(2)
			.map((line) => line.split(' | ')[0].slice(2));
	expect(names('en')).toHaveLength(22);
	expect([...names('zh')].sort()).toEqual([...names('en')].sort());
	expect(names('en')[0]).toBe('OpenAI');
	expect(names('zh')[0]).toBe('DeepSeek');
});

test('Batch API words that leave out a number of the code, or name one it lacks, are refused', () => {
	const groups = changed('Groq', (provider) => (provider.batch.more = { en: 'files', zh: '文件' }));
	expect(() => providerTable('en', groups)).toThrow('Groq: its Batch API words (en) do not name');
	const noNumber = changed('Alibaba DashScope (Qwen-VL)', (provider) => {
		provider.batch.more = {
			en: '{maxLinesPerFile} lines a file',
			zh: '每个文件最多 {maxLinesPerFile} 行',
		};
	});
	expect(() => providerTable('zh', noNumber)).toThrow('{maxLinesPerFile} in its Batch API words');
});

test("the READMEs' short table: the provider, its Base URL and a model to try, in both languages", () => {
	expect(providerTableShort('en').split('\n').slice(0, 3)).toEqual([
		'| Provider | Base URL | A vision model to try |',
		'| --- | --- | --- |',
		'| OpenAI | `https://api.openai.com/v1` | `gpt-4o-mini` |',
	]);
	expect(providerTableShort('zh').split('\n').slice(0, 3)).toEqual([
		'| 服务商 | Base URL | 可先试的视觉模型 |',
		'| --- | --- | --- |',
		'| DeepSeek | `https://api.deepseek.com` | （无：仅文本） |',
	]);
	// Words in place of a model ID, in each language.
	expect(providerTableShort('en')).toContain(
		'| Azure OpenAI (v1 API) | `https://YOUR-RESOURCE.openai.azure.com/openai/v1` | your deployment name |',
	);
});

test("the short table has the full one's rows in the same order, and follows a change of the data", () => {
	for (const language of LANGUAGES) {
		const first = (table: string) =>
			table.split('\n').map((line) => line.split(' | ').slice(0, 2).join(' | '));
		expect(first(providerTableShort(language))).toEqual(first(providerTable(language)));
		const groups = changed('Groq', (provider) => (provider.model = 'llama-vision-next'));
		const before = providerTableShort(language).split('\n');
		const after = providerTableShort(language, groups).split('\n');
		expect(after.filter((line, index) => line !== before[index])).toEqual([
			'| Groq | `https://api.groq.com/openai/v1` | `llama-vision-next` |',
		]);
	}
});
