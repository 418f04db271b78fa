import { limiterTable } from './limiterTable';
import { providerTable, providerTableShort } from './providerTable';
import type { Language } from './providerTable';

/** What each generated block holds, by the name in its markers, in one language. */
const BLOCKS = {
	'providers-short': (language: Language) => providerTableShort(language),
	providers: (language: Language) => providerTable(language),
	limiter: (language: Language) => limiterTable(language),
};

export type BlockName = keyof typeof BLOCKS;

/** The files with generated blocks (`npm run docs` rewrites them): each file's language and blocks. */
export const GENERATED_FILES: Array<{ file: string; language: Language; blocks: BlockName[] }> = [
	{ file: 'README.md', language: 'en', blocks: ['providers-short'] },
	{ file: 'README.zh-CN.md', language: 'zh', blocks: ['providers-short'] },
	{ file: 'docs/providers.md', language: 'en', blocks: ['providers'] },
	{ file: 'docs/zh-CN/providers.md', language: 'zh', blocks: ['providers'] },
	{ file: 'docs/limits.md', language: 'en', blocks: ['limiter'] },
	{ file: 'docs/zh-CN/limits.md', language: 'zh', blocks: ['limiter'] },
];

/**
 * Each language's user docs: its README, then the pages it links to. Together they describe every
 * field a user meets (test/unit/readme.test.ts).
 */
export const USER_DOCS: Record<Language, string[]> = {
	en: [
		'README.md',
		'docs/parameters.md',
		'docs/providers.md',
		'docs/limits.md',
		'docs/batch.md',
		'docs/queue-mode.md',
	],
	zh: [
		'README.zh-CN.md',
		'docs/zh-CN/parameters.md',
		'docs/zh-CN/providers.md',
		'docs/zh-CN/limits.md',
		'docs/zh-CN/batch.md',
		'docs/zh-CN/queue-mode.md',
	],
};

/** What the named blocks hold in one language. */
export function generatedBlocks(language: Language, names: BlockName[]): Record<string, string> {
	return Object.fromEntries(names.map((name) => [name, BLOCKS[name](language)]));
}

/**
 * A block: its `<!-- name ... -->` line, the lines it holds, its `<!-- /name -->` line. The name
 * ends where a letter, digit or hyphen would go on, so `providers` is not `providers-short`.
 */
const blockPattern = (name: string) =>
	new RegExp(`(<!-- ${name}(?![\\w-])[^>]*-->\\n)([\\s\\S]*?)\\n?(<!-- /${name} -->)`);

/** The lines a file's block holds (an error where the file has no such block). */
export function blockIn(text: string, name: string): string {
	const match = blockPattern(name).exec(text);
	if (!match) throw new Error(`no <!-- ${name} --> ... <!-- /${name} --> block`);
	return match[2];
}

/** Pure: the text with each named block holding what the code gives. */
export function withGeneratedBlocks(text: string, language: Language, names: BlockName[]): string {
	return Object.entries(generatedBlocks(language, names)).reduce((current, [name, lines]) => {
		blockIn(current, name);
		return current.replace(
			blockPattern(name),
			(_, open, _old, close) => `${open}${lines}\n${close}`,
		);
	}, text);
}
