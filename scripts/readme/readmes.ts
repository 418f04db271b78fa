import { limiterTable } from './limiterTable';
import { providerTable } from './providerTable';
import type { Language } from './providerTable';

/** The READMEs, each with the language of its generated blocks. */
export const READMES: Array<{ file: string; language: Language }> = [
	{ file: 'README.md', language: 'en' },
	{ file: 'README.zh-CN.md', language: 'zh' },
];

/** What a README's generated blocks hold, by the name in their markers. */
export function generatedBlocks(language: Language): Record<string, string> {
	return { providers: providerTable(language), limiter: limiterTable(language) };
}

/** A block: its `<!-- name ... -->` line, the lines it holds, its `<!-- /name -->` line. */
const blockPattern = (name: string) =>
	new RegExp(`(<!-- ${name}\\b[^>]*-->\\n)([\\s\\S]*?)\\n?(<!-- /${name} -->)`);

/** The lines a README's block holds (an error where the README has no such block). */
export function blockIn(text: string, name: string): string {
	const match = blockPattern(name).exec(text);
	if (!match) throw new Error(`no <!-- ${name} --> ... <!-- /${name} --> block`);
	return match[2];
}

/** Pure: the README with each generated block holding what the code gives. */
export function withGeneratedBlocks(text: string, language: Language): string {
	return Object.entries(generatedBlocks(language)).reduce((current, [name, lines]) => {
		blockIn(current, name);
		return current.replace(
			blockPattern(name),
			(_, open, _old, close) => `${open}${lines}\n${close}`,
		);
	}, text);
}
