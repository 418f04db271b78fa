/** What `npm pack` ships: only what n8n needs, and everything the n8n section names. */
import { execFileSync } from 'child_process';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');

test('npm pack lists only dist/, the example workflows with their images, the READMEs, LICENSE and package.json, and every file of the n8n section', () => {
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
		'examples/batch-tagging.workflow.json',
		'examples/image-tagging.workflow.json',
		'examples/images/blue-square.png',
		'examples/images/green-triangle.png',
		'examples/images/red-circle.png',
		'examples/invoice-fields.workflow.json',
		'examples/invoices/invoice-bluebird.pdf',
		'examples/invoices/invoice-northwind.pdf',
		'examples/receipt-fields.workflow.json',
		'examples/receipts/receipt-cafe.png',
		'examples/receipts/receipt-hardware.png',
		'examples/url-images.workflow.json',
		'package.json',
	]);
	const { n8n } = require(path.join(root, 'package.json'));
	for (const entry of [...n8n.nodes, ...n8n.credentials]) expect(files).toContain(entry);
	expect(files).toContain('dist/nodes/VisionChat/visionChat.svg');
	expect(files).toContain('dist/nodes/VisionChat/visionChat.dark.svg');
	expect(files).toContain('dist/nodes/VisionChat/VisionChat.node.json');
	expect(files.some((file) => file.endsWith('.map') || file.includes('/test/'))).toBe(false);
});

test("one home: the node's docs, the credential's docs, Report issue and the repository agree", () => {
	const manifest = require(path.join(root, 'package.json'));
	const codex = require(path.join(root, 'nodes', 'VisionChat', 'VisionChat.node.json'));
	const { VisionChatApi } = require(path.join(root, 'credentials', 'VisionChatApi.credentials'));
	// n8n's "Report issue" opens bugs.url; without it, it falls back to the registry's raw JSON.
	expect(manifest.bugs.url).toBe(
		`${manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/issues`,
	);
	const batchCodex = require(
		path.join(root, 'nodes', 'VisionChatBatch', 'VisionChatBatch.node.json'),
	);
	const docs = [
		codex.resources.primaryDocumentation[0].url,
		codex.resources.credentialDocumentation[0].url,
		batchCodex.resources.primaryDocumentation[0].url,
		batchCodex.resources.credentialDocumentation[0].url,
		new VisionChatApi().documentationUrl,
	];
	for (const url of docs) expect(url.startsWith(manifest.homepage)).toBe(true);
	// Each link into the README (shown on the homepage) opens one of its sections, as GitHub
	// and npm name them: lower case, spaces as hyphens, other punctuation dropped.
	const readme = require('fs').readFileSync(path.join(root, 'README.md'), 'utf8') as string;
	const anchors = [...readme.matchAll(/^#{2,4} (.+)$/gm)].map(([, heading]) =>
		heading
			.toLowerCase()
			.replace(/[^\w\- ]/g, '')
			.replace(/ /g, '-'),
	);
	const linked = docs.map((url) => new URL(url).hash.slice(1)).filter(Boolean);
	expect(linked).toEqual(expect.arrayContaining(['credential', 'vision-chat-batch']));
	expect(linked.filter((anchor) => !anchors.includes(anchor))).toEqual([]);
});

test("npm run lint checks what ships with n8n's own lint: @n8n/node-cli's ESLint config, as it is, over nodes, credentials and package.json", () => {
	const fs = require('fs') as typeof import('fs');
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	expect(manifest.scripts.lint).toContain('npm run lint:n8n');
	const command = manifest.scripts['lint:n8n'].split(' ');
	const config = command[command.indexOf('--config') + 1];
	expect(command.slice(-3)).toEqual(['nodes', 'credentials', 'package.json']);
	const text = fs.readFileSync(path.join(root, config), 'utf8');
	expect(text).toContain("import { config } from '@n8n/node-cli/eslint';");
	expect(text.trim().endsWith('export default config;')).toBe(true);
	const tools = JSON.parse(fs.readFileSync(path.join(root, 'test/community/package.json'), 'utf8'));
	expect(tools.dependencies['@n8n/node-cli']).toMatch(/^\d+\.\d+\.\d+$/);
});
