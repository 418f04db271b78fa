/** What `npm pack` ships: only what n8n needs, and everything the n8n section names. */
import { execFileSync } from 'child_process';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');

test('npm pack lists only dist/, the READMEs, LICENSE and package.json, and every file of the n8n section', () => {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const files: string[] = pack.files.map((file: { path: string }) => file.path);
	expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
		'LICENSE',
		'README.md',
		'README.zh-CN.md',
		'package.json',
	]);
	const { n8n } = require(path.join(root, 'package.json'));
	for (const entry of [...n8n.nodes, ...n8n.credentials]) expect(files).toContain(entry);
	expect(files).toContain('dist/nodes/VisionChat/visionChat.svg');
	expect(files).toContain('dist/nodes/VisionChat/visionChat.dark.svg');
	expect(files).toContain('dist/nodes/VisionChat/VisionChat.node.json');
	expect(files.some((file) => file.endsWith('.map') || file.includes('/test/'))).toBe(false);
});
