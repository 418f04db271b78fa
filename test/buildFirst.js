// Jest's global setup: builds the package (dist/), which the engine and real-n8n tests load.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = function buildFirst() {
	execFileSync('npm', ['run', 'build', '--silent'], {
		cwd: path.resolve(__dirname, '..'),
		stdio: ['ignore', 'ignore', 'inherit'],
	});
};
