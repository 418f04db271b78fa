/** The English and the Chinese README both describe every field a user meets, so neither drifts. */
import fs from 'fs';
import path from 'path';
import type { INodeProperties } from 'n8n-workflow';

import { VisionChatApi } from '../../credentials/VisionChatApi.credentials';
import { VisionChat } from '../../nodes/VisionChat/VisionChat.node';
import { VisionChatBatch } from '../../nodes/VisionChatBatch/VisionChatBatch.node';
import { INITIAL_LIMIT, SHARED_PROBE_ROUNDS } from '../../nodes/VisionChat/limiter/policyState';
import { SHARED_CUT } from '../../nodes/VisionChat/limiter/pushBack';
import { FIELD_TYPES, fieldsProperties } from '../../nodes/core/descriptions/fields';

const FIELD_SETTINGS = (
	fieldsProperties[0].options as Array<{ values: INodeProperties[] }>
)[0].values.filter((setting) => setting.type !== 'hidden');

const ROOT = path.join(__dirname, '..', '..');
const readmes = ['README.md', 'README.zh-CN.md'].map((file) => ({
	file,
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

const fields = [
	...new Set([
		...displayNames(new VisionChat().description.properties),
		...displayNames(new VisionChatBatch().description.properties),
		...displayNames(new VisionChatApi().properties),
	]),
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

test("the numbers the READMEs state of the limiter and the options are the code's", () => {
	const [english, chinese] = readmes;
	const starts = [
		...[...english.text.matchAll(/start(?:s)? with (\d+) requests at once/g)].map((m) => m[1]),
		...[...chinese.text.matchAll(/同时(?:发 )?\s?(\d+) 个请求/g)].map((m) => m[1]),
	];
	expect(starts.length).toBeGreaterThanOrEqual(4);
	expect(new Set(starts.map(Number))).toEqual(new Set([INITIAL_LIMIT]));
	// How workers that have seen each other share a key.
	const shared = [
		/every 429 keeps ([\d.]+) of\s+the worker's limit[^]*?next probe for more (\d+) rounds away/,
		/每个 429 都让该 worker 保留上限的 ([\d.]+)[^]*?推迟到 (\d+) 轮之后/,
	].map((pattern, index) => readmes[index].text.match(pattern)?.slice(1).map(Number));
	expect(shared).toEqual([
		[SHARED_CUT, SHARED_PROBE_ROUNDS],
		[SHARED_CUT, SHARED_PROBE_ROUNDS],
	]);
	// Every default in the options, limits and model parameters tables is the field's default
	// (the model parameters' table has the body field before it).
	const numbers = [
		...new VisionChat().description.properties,
		...new VisionChatBatch().description.properties,
	]
		.filter((property) => property.type === 'collection')
		.flatMap((collection) =>
			(collection.options as INodeProperties[]).map((option) => ({
				option,
				column: collection.name === 'modelParameters' ? 2 : 1,
			})),
		)
		.filter(({ option }) => typeof option.default === 'number');
	expect(numbers.length).toBeGreaterThan(10);
	for (const { text } of readmes) {
		for (const { option, column } of numbers) {
			const row = text.split('\n').find((line) => line.startsWith(`| ${option.displayName} |`));
			expect([option.displayName, row?.split(' | ')[column]]).toEqual([
				option.displayName,
				String(option.default),
			]);
		}
	}
});

test.each(readmes)(
	'$file names every setting of a field and every type of the Fields list',
	({ text }) => {
		const settings = FIELD_SETTINGS.map((setting) => setting.displayName);
		expect(settings).toEqual(expect.arrayContaining(['Name', 'Type', 'Choices', 'Object Fields']));
		const types = FIELD_TYPES.map((type) => type.name);
		expect([...settings, ...types].filter((name) => !text.includes(name))).toEqual([]);
	},
);
