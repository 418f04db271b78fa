/** The node's folders import one way, and the limiter stays in parts a reader can hold. */
import fs from 'fs';
import path from 'path';

const NODE = path.join(__dirname, '..', '..', 'nodes', 'VisionChat');

/** The node's folders each file of `folder` imports. */
function foldersImportedBy(folder: string): Set<string> {
	const imported = new Set<string>();
	for (const file of fs.readdirSync(path.join(NODE, folder))) {
		const text = fs.readFileSync(path.join(NODE, folder, file), 'utf8');
		for (const [, target] of text.matchAll(/from '\.\.\/([a-zA-Z]+)\//g)) imported.add(target);
	}
	return imported;
}

test('request/ may use limiter/ and response/; neither uses request/, nor each other', () => {
	expect(foldersImportedBy('response')).not.toContain('request');
	expect(foldersImportedBy('response')).not.toContain('limiter');
	expect(foldersImportedBy('limiter')).not.toContain('request');
	expect(foldersImportedBy('limiter')).not.toContain('response');
});

test('no file of the limiter is over 150 lines', () => {
	const lengths = fs
		.readdirSync(path.join(NODE, 'limiter'))
		.map((file) => [
			file,
			fs.readFileSync(path.join(NODE, 'limiter', file), 'utf8').split('\n').length,
		]);
	expect(lengths.filter(([, lines]) => (lines as number) > 150)).toEqual([]);
});
