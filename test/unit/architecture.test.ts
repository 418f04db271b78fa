/**
 * The layout a reader can rely on: the core both nodes build on (nodes/core/), the batch node
 * on the core's face alone, folders importing one way, files small enough to read at once.
 */
import fs from 'fs';
import path from 'path';

const NODES = path.join(__dirname, '..', '..', 'nodes');
const CREDENTIALS = path.join(__dirname, '..', '..', 'credentials');

function filesUnder(folder: string): string[] {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(folder, entry.name);
		if (entry.isDirectory()) return filesUnder(file);
		return entry.name.endsWith('.ts') ? [file] : [];
	});
}

/** The modules a file imports, as paths without their extension. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	return [...text.matchAll(/from '(\.[^']+)'/g)].map(([, spec]) => {
		const target = path.resolve(path.dirname(file), spec);
		return fs.existsSync(path.join(target, 'index.ts')) ? path.join(target, 'index') : target;
	});
}

/** A module's folder under nodes/, as `core/item` or `VisionChat`. */
const folderOf = (module: string) => path.relative(NODES, path.dirname(module));

test("the batch node uses the core's face alone, and nothing of Vision Chat", () => {
	const allowed = (target: string) =>
		target === path.join(NODES, 'core', 'index') ||
		target.startsWith(path.join(NODES, 'VisionChatBatch') + path.sep) ||
		target.startsWith(CREDENTIALS + path.sep);
	const wrong = filesUnder(path.join(NODES, 'VisionChatBatch')).flatMap((file) =>
		importsOf(file)
			.filter((target) => !allowed(target))
			.map((target) => `${path.basename(file)} -> ${path.relative(NODES, target)}`),
	);
	expect(wrong).toEqual([]);
});

/**
 * Lowest first: a folder may import its own files and the folders before it, never one after
 * it. The core's face (core/index.ts) is the one file that gathers from everywhere.
 */
const ORDER = [
	'core',
	'core/errors',
	'core/descriptions',
	'core/parameters',
	'core/schema',
	'core/item',
	'core/providers',
	'core/body',
	'core/routing',
	'core/answer',
	'core/methods',
	'VisionChat/limiter',
	'VisionChat/answer',
	'VisionChat/send',
	'VisionChat',
	'VisionChatBatch',
];

test('each folder imports only itself and the folders below it: no import runs back up', () => {
	const files = [
		...filesUnder(path.join(NODES, 'core')),
		...filesUnder(path.join(NODES, 'VisionChat')),
	];
	const upward = files
		.filter((file) => file !== path.join(NODES, 'core', 'index.ts'))
		.flatMap((file) => {
			const rank = ORDER.indexOf(folderOf(file));
			expect([file, rank]).not.toEqual([file, -1]);
			return importsOf(file)
				.filter((target) => target.startsWith(NODES + path.sep))
				.filter((target) => ORDER.indexOf(folderOf(target)) > rank)
				.map((target) => `${path.relative(NODES, file)} -> ${path.relative(NODES, target)}`);
		});
	expect(upward).toEqual([]);
});

test('no file under nodes/ is over 200 lines', () => {
	const lengths = filesUnder(NODES).map((file) => ({
		file: path.relative(NODES, file),
		lines: fs.readFileSync(file, 'utf8').split('\n').length,
	}));
	expect(lengths.length).toBeGreaterThan(50);
	expect(lengths.filter(({ lines }) => lines > 200)).toEqual([]);
});
