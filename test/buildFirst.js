// Jest's global setup: builds the package (dist/), which the engine and real-n8n tests load.
const { spawnSync } = require('child_process');
const path = require('path');

module.exports = function buildFirst() {
	const build = spawnSync('npm', ['run', 'build'], {
		cwd: path.resolve(__dirname, '..'),
		encoding: 'utf8',
	});
	if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
};
