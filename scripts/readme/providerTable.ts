import { PROVIDER_GROUPS } from '../../nodes/core/providers';
import type {
	BatchFacts,
	DocumentsForm,
	Provider,
	ProviderGroups,
	SchemaForm,
	Words,
} from '../../nodes/core/providers';

export type Language = keyof Words;

const HEADER: Record<Language, string[]> = {
	en: [
		'Provider',
		'Base URL',
		'Chat requests go to',
		'A vision model to try',
		'Batch API (Vision Chat Batch)',
		'Fields (how the schema is sent)',
		'Documents (PDF)',
		'Notes',
	],
	zh: [
		'服务商',
		'Base URL',
		'对话请求发往',
		'可先试的视觉模型',
		'Batch API（Vision Chat Batch）',
		'Fields（schema 如何发送）',
		'Documents（PDF）',
		'说明',
	],
};

const NOT_CHECKED: Words = { en: 'not checked', zh: '未核实' };

/** How the table words each fact; a row's own words follow it in brackets. */
const SAYS: {
	batch: Record<BatchFacts['is'], Words>;
	schema: Record<SchemaForm, Words>;
	documents: Record<DocumentsForm, Words>;
} = {
	batch: {
		yes: { en: 'yes', zh: '支持' },
		no: { en: 'no', zh: '不支持' },
		'not checked': NOT_CHECKED,
	},
	schema: {
		json_schema: { en: 'json_schema', zh: 'json_schema' },
		json_object: {
			en: 'JSON Object, schema in the system message',
			zh: 'JSON Object，schema 写进 system 消息',
		},
		prompt: { en: 'schema in the system message', zh: 'schema 写进 system 消息' },
		'not checked': { en: 'not checked (a refusal is adapted)', zh: '未核实（被拒会自动改发）' },
		'per model': { en: "as the model's provider", zh: '同模型的服务商' },
	},
	documents: {
		file: { en: 'yes (`file` part, as data)', zh: '支持（`file` 片段，以数据发送）' },
		openrouter: {
			en: 'yes (`file` part, data or URL; PDF Engine)',
			zh: '支持（`file` 片段，数据或 URL；PDF Engine）',
		},
		document_url: { en: 'yes (`document_url` part)', zh: '支持（`document_url` 片段）' },
		none: { en: 'no', zh: '不支持' },
		'not checked': NOT_CHECKED,
	},
};

const BRACKETS: Record<Language, [string, string]> = { en: [' (', ')'], zh: ['（', '）'] };

/** The numbers of a Batch API that its words name by placeholder, so the docs say the code's. */
const BATCH_NUMBERS = ['maxFileSizeMb', 'maxLinesPerFile'] as const;

function said(fact: Words, more: string | undefined, language: Language): string {
	const [open, close] = BRACKETS[language];
	return more ? `${fact[language]}${open}${more}${close}` : fact[language];
}

/** A row's words of its Batch API with its numbers in; words that leave one out are refused. */
function batchWords({ name, batch }: Provider, language: Language): string | undefined {
	let words = batch.more?.[language];
	for (const key of BATCH_NUMBERS) {
		const value = batch[key];
		if (value === undefined) continue;
		if (!words?.includes(`{${key}}`)) {
			throw new Error(`${name}: its Batch API words (${language}) do not name {${key}}`);
		}
		words = words.split(`{${key}}`).join(value.toLocaleString('en-US'));
	}
	const unknown = words?.match(/\{\w+\}/);
	if (unknown) throw new Error(`${name}: ${unknown[0]} in its Batch API words is no number of it`);
	return words;
}

function cells(provider: Provider, language: Language): string[] {
	const { name, baseUrl, chatUrl, model, batch, schema, documents, notes } = provider;
	return [
		name,
		`\`${baseUrl}\``,
		`\`${chatUrl}\``,
		typeof model === 'string' ? `\`${model}\`` : model[language],
		said(SAYS.batch[batch.is], batchWords(provider, language), language),
		said(SAYS.schema[schema.is], schema.more?.[language], language),
		said(SAYS.documents[documents.is], documents.more?.[language], language),
		notes?.[language] ?? '',
	];
}

const row = (cells: string[]) => `|${cells.map((cell) => (cell ? ` ${cell} ` : ' ')).join('|')}|`;

/** The providers in a language's order: readers of the Chinese docs mostly want China's first. */
function inOrder(language: Language, { hosted, inChina, selfHosted }: ProviderGroups): Provider[] {
	return language === 'zh'
		? [...inChina, ...hosted, ...selfHosted]
		: [...hosted, ...inChina, ...selfHosted];
}

/** A table of the given columns (indexes into HEADER and a row's cells), one row a provider. */
function table(language: Language, groups: ProviderGroups, columns?: number[]): string {
	const pick = (all: string[]) => (columns ? columns.map((column) => all[column]) : all);
	const header = pick(HEADER[language]);
	return [
		row(header),
		row(header.map(() => '---')),
		...inOrder(language, groups).map((provider) => row(pick(cells(provider, language)))),
	].join('\n');
}

/** Pure: the full provider table in one language (docs/providers.md), every column. */
export function providerTable(
	language: Language,
	groups: ProviderGroups = PROVIDER_GROUPS,
): string {
	return table(language, groups);
}

/** The short table's columns: the provider, its Base URL, a vision model to try. */
const SHORT_COLUMNS = [0, 1, 3];

/** Pure: the READMEs' short provider table: what a user sets in the credential and the node. */
export function providerTableShort(
	language: Language,
	groups: ProviderGroups = PROVIDER_GROUPS,
): string {
	return table(language, groups, SHORT_COLUMNS);
}
