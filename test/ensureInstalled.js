// Installs a test tool folder (its own package.json and lockfile) with `npm ci`, unless its
// node_modules already holds exactly that lockfile: n8n takes minutes to install. Each install
// says what it installs and about how long it takes, so a first run never looks hung.
// Usage: node test/ensureInstalled.js <folder> <about how long> [extra npm ci arguments...]
const { createHash } = require('crypto');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/**
 * `about` is the expected duration shown to the user ("about 4 minutes"). `afterInstall` runs
 * before the install counts as done, so a failed step is retried next time.
 */
function ensureInstalled(folder, { about, args = [], env = process.env, afterInstall = () => {} }) {
	const lockfile = path.join(folder, 'package-lock.json');
	const marker = path.join(folder, 'node_modules', '.installed-lock-sha256');
	const hash = createHash('sha256')
		.update(fs.readFileSync(lockfile))
		.update(args.join(' '))
		.digest('hex');
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === hash) return false;
	const { description } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
	const shown = path.relative(process.cwd(), folder) || folder;
	console.log(`[setup] ${description}: installing into ${shown}, once per lockfile (${about})...`);
	const started = Date.now();
	const install = () =>
		execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error', ...args], {
			cwd: folder,
			stdio: 'inherit',
			env,
		});
	try {
		install();
	} catch (error) {
		// The registry drops a connection now and then (ECONNRESET midway through n8n's hundreds of
		// packages); one more try from scratch, then the error stands.
		console.log(`[setup] ${shown}: npm ci failed (${error.message}); trying once more...`);
		install();
	}
	afterInstall();
	fs.writeFileSync(marker, hash);
	console.log(`[setup] ${shown} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
	return true;
}

module.exports = { ensureInstalled };

if (require.main === module) {
	const [folder, about, ...args] = process.argv.slice(2);
	ensureInstalled(path.resolve(folder), { about, args });
}
