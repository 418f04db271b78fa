/**
 * P9: Vision Chat Batch's Submit at scale, beside the same items through Vision Chat: 10,000
 * items with URL images and 2,000 items with 100 KB binary images (filesystem binary mode), node
 * time and peak RSS growth of the n8n process over the same items passed through n8n's No
 * Operation node (n8n's own cost of holding and printing them). Submit holds
 * one batch file at a time: its growth must follow the file (Max File Size), not the item count.
 */
import { MANUAL_TRIGGER, visionChatNode } from '../test/e2e/n8n';
import type { N8nSandbox } from '../test/e2e/n8n';
import type { OpenAiTestServer } from '../test/server/openAiServer';
import { makeImages, readImagesNode } from './workflows';

const credential = { id: 'benchVision', name: 'Bench Vision Chat' };

type Node = 'submit' | 'visionChat' | 'noOp';
const NODE_NAME: Record<Node, string> = {
	submit: 'Submit',
	visionChat: 'Vision Chat',
	noOp: 'Pass',
};

interface Source {
	/** The nodes that make the items, ending in one named `Items`. */
	nodes: object[];
	connections: Record<string, unknown>;
	binary: boolean;
}

/** `count` items, each with an image URL: a Set node's list split into items (no Code node). */
function urlItems(count: number): Source {
	const urls = Array.from({ length: count }, (_, index) => `https://example.com/${index}.png`);
	return {
		binary: false,
		nodes: [
			{
				id: 'list',
				name: 'List',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ urls }), options: {} },
			},
			{
				id: 'items',
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'urls', options: {} },
			},
		],
		connections: { List: { main: [[{ node: 'Items', type: 'main', index: 0 }]] } },
	};
}

/** The files of a folder of the sandbox, each item with its image as binary data. */
function binaryItems(folder: string): Source {
	return {
		binary: true,
		nodes: [readImagesNode(folder, 'Items')],
		connections: {},
	};
}

function workflow(id: string, source: Source, node: Node, maxFileSizeMb?: number) {
	const images = source.binary
		? { binaryImages: 'properties', binaryPropertyNames: 'data' }
		: { binaryImages: 'none', imageUrls: '={{ $json.urls }}' };
	const call = visionChatNode({
		id: 'call',
		name: NODE_NAME[node],
		position: [600, 0],
		parameters: {
			prompt: 'Describe this image',
			...images,
			...(node === 'submit'
				? { operation: 'submit', options: maxFileSizeMb ? { maxFileSizeMb } : {} }
				: {}),
		},
		credential,
	});
	if (node === 'submit') call.type = 'n8n-nodes-vision-chat.visionChatBatch';
	// The baseline: the same items through n8n's No Operation node, which holds them as any node does.
	const pass = {
		id: 'call',
		name: NODE_NAME.noOp,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [600, 0],
		parameters: {},
	};
	const first = (source.nodes[0] as { name: string }).name;
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [MANUAL_TRIGGER, ...source.nodes, node === 'noOp' ? pass : call],
		connections: {
			Start: { main: [[{ node: first, type: 'main', index: 0 }]] },
			...source.connections,
			Items: { main: [[{ node: NODE_NAME[node], type: 'main', index: 0 }]] },
		},
	};
}

interface Row {
	items: string;
	node: string;
	ms: number;
	growthMb: number;
	files: number;
}

/**
 * Runs P9 in a sandbox in filesystem binary mode (n8n's own copy of the images stays on disk)
 * and logs its table.
 */
export async function batchSubmitAtScale(
	sandbox: N8nSandbox,
	server: OpenAiTestServer,
	log: (line?: string) => void,
	progress: (line: string) => void,
): Promise<void> {
	const measure = async (id: string, nodeName: string, expected: number) => {
		progress(`${id}: running`);
		const result = await sandbox.executeMeasured(id);
		if (result.error) throw new Error(`${id} failed: ${result.error.message}`);
		const task = result.runData[nodeName][0];
		const items = task.data.main[0].length;
		if (items !== expected) throw new Error(`${id} gave ${items} items, not ${expected}`);
		progress(`${id}: ${items} items in ${task.executionTime} ms`);
		return { ms: task.executionTime as number, peakRssMb: result.peakRssMb };
	};
	const run = async (
		label: string,
		makeSource: (count: number) => Source,
		count: number,
		node: Node,
		maxFileSizeMb?: number,
	): Promise<Row> => {
		const id = `p9-${node}-${label.replace(/\W+/g, '-')}-${count}-${maxFileSizeMb ?? 'default'}`;
		await sandbox.importWorkflow(workflow(id, makeSource(count), node, maxFileSizeMb));
		await sandbox.importWorkflow(workflow(`${id}-base`, makeSource(count), 'noOp'));
		const base = await measure(`${id}-base`, NODE_NAME.noOp, count);
		server.reset();
		server.keepBodies = false;
		const measured = await measure(id, NODE_NAME[node], count);
		const answered = node === 'submit' ? server.batchApi.lines.length : server.completions.length;
		if (answered !== count) throw new Error(`${id}: the API received ${answered} requests`);
		const invalid = [
			...server.invalidReplies,
			...server.batchApi.lines.flatMap((line) => line.schemaErrors),
		];
		if (invalid.length) throw new Error(`${id}: schema errors: ${invalid.slice(0, 3).join('; ')}`);
		return {
			items: `${count} ${label}`,
			node:
				node === 'submit'
					? `Vision Chat Batch, Submit${maxFileSizeMb ? ` (Max File Size ${maxFileSizeMb} MB)` : ''}`
					: 'Vision Chat',
			ms: measured.ms,
			growthMb: measured.peakRssMb - base.peakRssMb,
			files: server.batchApi.files.size,
		};
	};

	const rows: Row[] = [];
	for (const count of [1000, 10_000]) {
		rows.push(await run('URL images', urlItems, count, 'submit'));
	}
	rows.push(await run('URL images', urlItems, 10_000, 'visionChat'));
	const folders = new Map<number, string>();
	const binary = (count: number) => {
		if (!folders.has(count))
			folders.set(count, makeImages(sandbox, `p9-${count}`, count, 100 * 1024));
		return binaryItems(folders.get(count)!);
	};
	for (const count of [500, 2000]) {
		rows.push(await run('100 KB binary images', binary, count, 'submit'));
	}
	rows.push(await run('100 KB binary images', binary, 2000, 'submit', 50));
	rows.push(await run('100 KB binary images', binary, 2000, 'visionChat'));
	server.reset();

	log(
		'## P9: Vision Chat Batch Submit at scale, beside Vision Chat (filesystem binary mode, server latency 0)',
	);
	log();
	log(
		"| items | node | node time | peak RSS growth over the same items through n8n's No Operation node | batch files uploaded |",
	);
	log('| --- | --- | --- | --- | --- |');
	for (const row of rows)
		log(
			`| ${row.items} | ${row.node} | ${row.ms} ms | ${row.growthMb.toFixed(0)} MB | ${row.node === 'Vision Chat' ? '' : row.files} |`,
		);
	log();
	const growth = (items: string, node: string) =>
		rows.find((row) => row.items === items && row.node === node)?.growthMb ?? NaN;
	const submit = 'Vision Chat Batch, Submit';
	log(
		`Submit's growth, 10,000 / 1,000 URL items: ${(growth('10000 URL images', submit) / growth('1000 URL images', submit)).toFixed(2)}; ` +
			`2,000 / 500 binary items: ${(growth('2000 100 KB binary images', submit) / growth('500 100 KB binary images', submit)).toFixed(2)}; ` +
			`2,000 binary items at Max File Size 50 MB / 200 MB: ${(growth('2000 100 KB binary images', `${submit} (Max File Size 50 MB)`) / growth('2000 100 KB binary images', submit)).toFixed(2)} ` +
			'(one file is built, copied once into the upload and sent at a time).',
	);
	log();
}
