/**
 * Each language's user docs (its README and the pages in docs/ it links to) describe every field
 * a user meets, so neither language drifts; the generated blocks are what the code gives; every
 * relative link of the docs leads to a file that exists.
 */
import fs from 'fs';
import path from 'path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { VisionChatApi } from '../../credentials/VisionChatApi.credentials';
import { VisionChat } from '../../nodes/VisionChat/VisionChat.node';
import { VisionChatBatch } from '../../nodes/VisionChatBatch/VisionChatBatch.node';
import { FIELD_TYPES, fieldsProperties } from '../../nodes/core/descriptions/fields';
import { GENERATED_FILES, USER_DOCS, blockIn, generatedBlocks } from '../../scripts/readme/readmes';
import type { Language } from '../../scripts/readme/providerTable';

const FIELD_SETTINGS = (
	fieldsProperties[0].options as Array<{ values: INodeProperties[] }>
)[0].values.filter((setting) => setting.type !== 'hidden');

const ROOT = path.join(__dirname, '..', '..');

/** A file of the repository, or '' where there is none (the test of the pages says which). */
function read(file: string): string {
	const target = path.join(ROOT, file);
	return fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
}

const LANGUAGES = Object.keys(USER_DOCS) as Language[];

/** Each language's user docs as one text, its files one after the other. */
const languages = LANGUAGES.map((language) => ({
	language,
	files: USER_DOCS[language].join(', '),
	text: USER_DOCS[language].map(read).join('\n\n'),
}));

test.each(LANGUAGES)('every page of the %s user docs exists', (language) => {
	expect(USER_DOCS[language].filter((file) => !fs.existsSync(path.join(ROOT, file)))).toEqual([]);
});

function displayNames(properties: INodeProperties[]): string[] {
	return properties
		.filter((property) => property.type !== 'hidden')
		.flatMap((property) => [
			property.displayName,
			...displayNames(
				property.type === 'collection' ? ((property.options ?? []) as INodeProperties[]) : [],
			),
		]);
}

const nodeProperties = [
	...new VisionChat().description.properties,
	...new VisionChatBatch().description.properties,
];

const fields = [
	...new Set([...displayNames(nodeProperties), ...displayNames(new VisionChatApi().properties)]),
];

test.each(languages)(
	'the $language docs ($files) name every parameter, option and credential field',
	({ text }) => {
		expect(fields.length).toBeGreaterThan(30);
		expect(fields.filter((field) => !text.includes(field))).toEqual([]);
	},
);

test('each README links the other at its top', () => {
	const top = (file: string) => read(file).split('\n').slice(0, 4).join('\n');
	expect(top('README.md')).toContain('](README.zh-CN.md)');
	expect(top('README.zh-CN.md')).toContain('](README.md)');
});

/** The most lines a README has: the rest of the docs is in docs/ (issue 43). */
const README_LINES = 350;

test.each(['README.md', 'README.zh-CN.md'])(`%s has at most ${README_LINES} lines`, (file) => {
	const text = read(file);
	expect(text).not.toBe('');
	expect(text.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(README_LINES);
});

/** The first line where a file's block and the generated one part, or '' where they agree. */
function firstDifference(written: string, generated: string): string {
	const [ours, theirs] = [written.split('\n'), generated.split('\n')];
	const line = theirs.findIndex((text, index) => text !== ours[index]);
	if (line < 0 && ours.length === theirs.length) return '';
	const at = line < 0 ? theirs.length : line;
	return `  file:      ${ours[at] ?? '(no line)'}\n  generated: ${theirs[at] ?? '(no line)'}`;
}

test.each(GENERATED_FILES)('$file holds the blocks generated from the code', (generated) => {
	const { file, language, blocks } = generated;
	const text = read(file);
	expect(text).not.toBe('');
	for (const [name, lines] of Object.entries(generatedBlocks(language, blocks))) {
		const difference = firstDifference(blockIn(text, name), lines);
		if (difference) {
			throw new Error(
				`${file}: the ${name} block is not what the code gives: run npm run docs\n${difference}`,
			);
		}
	}
});

/** A table of a text: its header's cells, then each row's. */
function tablesOf(text: string): Array<{ header: string[]; rows: string[][] }> {
	const tables: Array<{ header: string[]; rows: string[][] }> = [];
	let table: (typeof tables)[number] | undefined;
	for (const line of text.split('\n').map((each) => each.trim())) {
		if (!line.startsWith('|')) {
			table = undefined;
			continue;
		}
		const cells = line
			.slice(1, -1)
			.split('|')
			.map((cell) => cell.trim());
		if (!table) tables.push((table = { header: cells, rows: [] }));
		else if (!cells.every((cell) => /^-+$/.test(cell))) table.rows.push(cells);
	}
	return tables;
}

const versionOneOnly = (property: INodeProperties) =>
	JSON.stringify(property.displayOptions?.show?.['@version']) === '[1]';

/** The options of each collection a node of today shows (Options, Limits, Model Parameters...). */
const collections = nodeProperties
	.filter((property) => property.type === 'collection' && !versionOneOnly(property))
	.map((collection) =>
		(collection.options as INodeProperties[]).filter((option) => !versionOneOnly(option)),
	);

/** An option's default as the docs' Default column writes it. */
function shown(option: INodeProperties, language: string): string {
	const value = option.default;
	if (option.type === 'boolean')
		return (language === 'zh' ? ['关', '开'] : ['off', 'on'])[+!!value];
	if (option.type === 'options') {
		return String((option.options as INodePropertyOptions[]).find((o) => o.value === value)?.name);
	}
	if (option.type === 'json') return `\`${value}\``;
	return Array.isArray(value) ? '' : String(value);
}

test.each(languages)(
	"the $language docs: each table of a collection's options gives each option's default",
	({ language, text }) => {
		const wrong: string[] = [];
		const shownFor = new Map<string, string[]>();
		let tables = 0;
		for (const { header, rows } of tablesOf(text)) {
			const column = header.findIndex((cell) => cell === 'Default' || cell === '默认值');
			const optionOf = (options: INodeProperties[], name: string) =>
				options.find((option) => option.displayName === name);
			// A table is a collection's where every row names one of its options.
			const owners = collections.filter((options) =>
				rows.every(([name]) => optionOf(options, name)),
			);
			if (column < 0 || owners.length === 0) continue;
			tables++;
			for (const [name, ...cells] of rows) {
				const cell = cells[column - 1];
				shownFor.set(name, [...(shownFor.get(name) ?? []), cell]);
				for (const options of owners) {
					const expected = shown(optionOf(options, name)!, language);
					if (cell !== expected) wrong.push(`${name}: ${cell} (its default: ${expected})`);
				}
			}
		}
		expect(tables).toBeGreaterThanOrEqual(5);
		expect(wrong).toEqual([]);
		// Every number has a row that gives it, whichever collection's table that is.
		const numbers = collections.flat().filter((option) => option.type === 'number');
		expect(numbers.length).toBeGreaterThan(10);
		const missing = numbers.filter(
			(option) => !shownFor.get(option.displayName)?.includes(shown(option, language)),
		);
		expect(missing.map((option) => option.displayName)).toEqual([]);
	},
);

test.each(languages)(
	'the $language docs name every setting of a field and every type of the Fields list',
	({ text }) => {
		const settings = FIELD_SETTINGS.map((setting) => setting.displayName);
		expect(settings).toEqual(expect.arrayContaining(['Name', 'Type', 'Choices', 'Object Fields']));
		const types = FIELD_TYPES.map((type) => type.name);
		expect([...settings, ...types].filter((name) => !text.includes(name))).toEqual([]);
	},
);

/** The markdown files of a folder of the repository and its folders. */
function markdownUnder(folder: string): string[] {
	const full = path.join(ROOT, folder);
	if (!fs.existsSync(full)) return [];
	return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
		const file = path.posix.join(folder, entry.name);
		if (entry.isDirectory()) return markdownUnder(file);
		return file.endsWith('.md') ? [file] : [];
	});
}

/** A markdown text without its fenced code blocks and code spans, where a link is no link. */
const withoutCode = (text: string) =>
	text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');

/** The anchors of a markdown file: GitHub's slug of each heading (github-slugger), and ids. */
function anchorsOf(text: string): Set<string> {
	const anchors = new Set<string>();
	const code = withoutCode(text);
	for (const [, heading] of text
		.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
		.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
		const words = heading
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/<[^>]*>/g, '')
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
			.replace(/ /g, '-');
		let anchor = words;
		for (let count = 1; anchors.has(anchor); count++) anchor = `${words}-${count}`;
		anchors.add(anchor);
	}
	for (const [, id] of code.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(id);
	return anchors;
}

/** Every relative link of a markdown text: inline links and images, and reference definitions. */
function relativeLinks(text: string): string[] {
	const code = withoutCode(text);
	const targets = [
		...[...code.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]),
		...[...code.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1]),
	];
	return targets.filter((target) => !/^[a-z][a-z\d+.-]*:/i.test(target));
}

/** The docs whose links are checked: the READMEs, CONTRIBUTING.md, the pages of docs/ and bench/. */
const LINKED_DOCS = [
	'README.md',
	'README.zh-CN.md',
	'CONTRIBUTING.md',
	...markdownUnder('docs'),
	...markdownUnder('bench'),
].filter((file) => fs.existsSync(path.join(ROOT, file)));

test('the docs checked for links include the READMEs, CONTRIBUTING.md and docs/', () => {
	expect(LINKED_DOCS).toEqual(
		expect.arrayContaining([
			'README.md',
			'CONTRIBUTING.md',
			'docs/parameters.md',
			'docs/providers.md',
			'bench/README.md',
		]),
	);
});

test.each(LINKED_DOCS)(
	'every relative link of %s leads to a file (and heading) that exists',
	(file) => {
		const broken: string[] = [];
		for (const target of relativeLinks(read(file))) {
			const [where, anchor] = target.split('#');
			const linked = where
				? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(where)))
				: file;
			const full = path.join(ROOT, linked);
			if (linked.startsWith('..') || !fs.existsSync(full)) {
				broken.push(`${target}: no file ${linked}`);
			} else if (anchor && linked.endsWith('.md') && !anchorsOf(read(linked)).has(anchor)) {
				broken.push(`${target}: no heading #${anchor} in ${linked}`);
			}
		}
		expect(broken).toEqual([]);
	},
);

test.each(['README.md', 'README.zh-CN.md'])(
	"%s: the Docker install pins this package's version, as package.json gives it",
	(file) => {
		const { version } = JSON.parse(read('package.json'));
		const pinned = [...read(file).matchAll(/"name":"n8n-nodes-vision-chat","version":"([^"]+)"/g)];
		expect(pinned.length).toBeGreaterThanOrEqual(2);
		expect(pinned.map(([, each]) => each)).toEqual(pinned.map(() => version));
	},
);

test.each(['README.md', 'README.zh-CN.md'])(
	"%s opens for the n8n user: no developer's command in its first 60 lines, and n8n 3.0's changes said",
	(file) => {
		const text = read(file);
		const opening = text.split('\n').slice(0, 60).join('\n');
		expect(opening).not.toMatch(/npm (ci|test|run)|git clone|npx tsx/);
		// n8n 3.0: the variable, Docker only, and import from a file (no Import from URL).
		expect(text).toContain('N8N_UNVERIFIED_PACKAGES_ENABLED=true');
		expect(text).toMatch(/n8n 3\.0[^\n]*\n?[^\n]*Docker|Docker[^\n]*n8n 3\.0/);
		expect(text).toMatch(/Import from\s+File/);
		expect(text).toMatch(/n8n 3\.0 (removes|去掉了) Import from\s+URL/);
		expect(text).not.toMatch(/unpkg\.com\/[^)\s]*\.workflow\.json/);
	},
);
