// Installs a test tool folder (its own package.json and lockfile) with `npm ci`, unless its
// node_modules already holds exactly that lockfile: n8n takes minutes to install.
// Usage: node test/ensureInstalled.js <folder> [extra npm ci arguments...]
const { createHash } = require('crypto');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** `afterInstall` runs before the install counts as done, so a failed step is retried next time. */
function ensureInstalled(folder, extraArgs = [], env = process.env, afterInstall = () => {}) {
	const lockfile = path.join(folder, 'package-lock.json');
	const marker = path.join(folder, 'node_modules', '.installed-lock-sha256');
	const hash = createHash('sha256').update(fs.readFileSync(lockfile)).update(extraArgs.join(' ')).digest('hex');
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === hash) return false;
	console.log(`Installing ${path.relative(process.cwd(), folder) || folder} (npm ci ${extraArgs.join(' ')})...`);
	execFileSync('npm', ['ci', '--no-audit', '--no-fund', ...extraArgs], { cwd: folder, stdio: 'inherit', env });
	afterInstall();
	fs.writeFileSync(marker, hash);
	return true;
}

module.exports = { ensureInstalled };

if (require.main === module) {
	const [folder, ...extraArgs] = process.argv.slice(2);
	ensureInstalled(path.resolve(folder), extraArgs);
}
