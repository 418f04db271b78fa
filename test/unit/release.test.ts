/**
 * A release n8n can verify: published from GitHub Actions with an npm provenance statement, and
 * never without lint, tests and build passing first.
 */
import fs from 'fs';
import yaml from 'js-yaml';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');

interface Step {
	run?: string;
	uses?: string;
	with?: Record<string, unknown>;
}
interface Workflow {
	on: Record<string, any>;
	permissions?: Record<string, string>;
	jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

const workflow = (name: string) =>
	yaml.load(fs.readFileSync(path.join(root, '.github', 'workflows', name), 'utf8')) as Workflow;

const runs = (steps: Step[]) => steps.map((step) => step.run ?? '');

test('a version tag publishes to npm with provenance, after lint, tests and build pass', () => {
	const publish = workflow('publish.yml');
	expect(publish.on.push.tags).toEqual(['v*']);
	const [job] = Object.values(publish.jobs);
	expect(job.permissions?.['id-token'] ?? publish.permissions?.['id-token']).toBe('write');
	const commands = runs(job.steps);
	const publishAt = commands.findIndex((command) => /^npm publish\b/.test(command));
	expect(commands[publishAt]).toMatch(/--provenance\b/);
	expect(commands[publishAt]).toMatch(/--access public\b/);
	const before = commands.slice(0, publishAt);
	for (const check of ['npm ci', 'npm run lint', 'npm test', 'npm run build'])
		expect(before).toContain(check);
	expect(
		job.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['registry-url'],
	).toBe('https://registry.npmjs.org');
});

test('every push and pull request runs the README test command on Node.js 20', () => {
	const ci = workflow('ci.yml');
	expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
	const [job] = Object.values(ci.jobs);
	expect(runs(job.steps)).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
	expect(
		job.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version'],
	).toBe(20);
	expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('npm ci && npm test');
});

test('a local npm publish lints and builds first', () => {
	const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	expect(scripts.prepublishOnly).toBe('npm run lint');
	expect(scripts.lint).toContain('npm run build');
});
