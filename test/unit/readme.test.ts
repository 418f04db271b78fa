/** The English and the Chinese README both describe every field a user meets, so neither drifts. */
import fs from 'fs';
import path from 'path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { VisionChatApi } from '../../credentials/VisionChatApi.credentials';
import { VisionChat } from '../../nodes/VisionChat/VisionChat.node';
import { VisionChatBatch } from '../../nodes/VisionChatBatch/VisionChatBatch.node';
import { FIELD_TYPES, fieldsProperties } from '../../nodes/core/descriptions/fields';
import { READMES, blockIn, generatedBlocks } from '../../scripts/readme/readmes';

const FIELD_SETTINGS = (
	fieldsProperties[0].options as Array<{ values: INodeProperties[] }>
)[0].values.filter((setting) => setting.type !== 'hidden');

const ROOT = path.join(__dirname, '..', '..');
const readmes = READMES.map(({ file, language }) => ({
	file,
	language,
	text: fs.readFileSync(path.join(ROOT, file), 'utf8'),
}));

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

test.each(readmes)('$file names every parameter, option and credential field', ({ text }) => {
	expect(fields.length).toBeGreaterThan(30);
	expect(fields.filter((field) => !text.includes(field))).toEqual([]);
});

test('each README links the other at its top', () => {
	const [english, chinese] = readmes;
	expect(english.text.split('\n').slice(0, 4).join('\n')).toContain('](README.zh-CN.md)');
	expect(chinese.text.split('\n').slice(0, 4).join('\n')).toContain('](README.md)');
});

/** The first line where a README's block and the generated one part, or '' where they agree. */
function firstDifference(written: string, generated: string): string {
	const [ours, theirs] = [written.split('\n'), generated.split('\n')];
	const line = theirs.findIndex((text, index) => text !== ours[index]);
	if (line < 0 && ours.length === theirs.length) return '';
	const at = line < 0 ? theirs.length : line;
	return `  README:    ${ours[at] ?? '(no line)'}\n  generated: ${theirs[at] ?? '(no line)'}`;
}

test.each(readmes)('$file holds the blocks generated from the code', ({ file, language, text }) => {
	for (const [name, lines] of Object.entries(generatedBlocks(language))) {
		const difference = firstDifference(blockIn(text, name), lines);
		if (difference) {
			throw new Error(
				`${file}: the ${name} block is not what the code gives: run npm run docs\n${difference}`,
			);
		}
	}
});

/** A table of a README: its header's cells, then each row's. */
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

/** An option's default as the README's Default column writes it. */
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

test.each(readmes)(
	"$file: each table of a collection's options gives each option's default",
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

test.each(readmes)(
	'$file names every setting of a field and every type of the Fields list',
	({ text }) => {
		const settings = FIELD_SETTINGS.map((setting) => setting.displayName);
		expect(settings).toEqual(expect.arrayContaining(['Name', 'Type', 'Choices', 'Object Fields']));
		const types = FIELD_TYPES.map((type) => type.name);
		expect([...settings, ...types].filter((name) => !text.includes(name))).toEqual([]);
	},
);
