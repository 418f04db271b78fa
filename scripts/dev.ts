/**
 * `npm run dev`: n8n's editor at http://localhost:5678 with this package loaded from dist/,
 * rebuilt on every change (tsc --watch) and reloaded by n8n (N8N_DEV_RELOAD). The editor's data
 * lives in .n8n-dev/ (.n8n-dev-2/ for n8n 2.x) so workflows survive restarts. Ctrl+C stops
 * both. `npm run dev -- 2` opens n8n 2.x's editor.
 */
import { spawn } from 'child_process';
import path from 'path';

import {
	N8N_VERSIONS,
	ROOT,
	chosenN8nVersion,
	describeN8n,
	ensureN8nInstalled,
} from '../test/e2e/n8n';

const N8N_2 = N8N_VERSIONS[1];

const version = chosenN8nVersion();
ensureN8nInstalled(version);
const port = process.env.N8N_PORT ?? '5678';

const compiler = spawn(
	path.join(ROOT, 'node_modules', '.bin', 'tsc'),
	['--watch', '--preserveWatchOutput'],
	{
		cwd: ROOT,
		stdio: 'inherit',
	},
);
const n8n = spawn(
	version.node,
	[path.join(version.folder, 'node_modules', 'n8n', 'bin', 'n8n'), 'start'],
	{
		cwd: ROOT,
		stdio: 'inherit',
		env: {
			...process.env,
			// Separate folders: n8n 2.x migrates a database to its own schema.
			N8N_USER_FOLDER: path.join(ROOT, version === N8N_2 ? '.n8n-dev-2' : '.n8n-dev'),
			N8N_CUSTOM_EXTENSIONS: path.join(ROOT, 'dist'),
			N8N_DEV_RELOAD: 'true',
			N8N_PORT: port,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
		},
	},
);
console.log(
	`Vision Chat dev: ${describeN8n(version)} starting at http://localhost:${port} (Ctrl+C to stop; \`npm run dev -- 2\` for n8n 2.x)`,
);

const stop = () => {
	compiler.kill('SIGTERM');
	n8n.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
n8n.on('exit', (code) => {
	compiler.kill('SIGTERM');
	process.exit(code ?? 0);
});
