// Runs the gate n8n uses to accept community packages (@n8n/scan-community-package) on this
// package: its source (as the scan does for the attested source checkout) and the files a user
// installs (the unpacked `npm pack` tarball), with exactly the scan's rules.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function unpackTarball() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vision-chat-pack-'));
	const pack = spawnSync('npm', ['pack', '--pack-destination', folder, '--silent'], {
		cwd: root,
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
	const tarball = fs.readdirSync(folder).find((file) => file.endsWith('.tgz'));
	const unpacked = path.join(folder, 'package');
	fs.mkdirSync(unpacked);
	const tar = spawnSync('tar', [
		'-xzf',
		path.join(folder, tarball),
		'-C',
		unpacked,
		'--strip-components=1',
	]);
	if (tar.status !== 0) throw new Error('tar failed');
	return unpacked;
}

const legs = [
	['source', root, SOURCE_FILE_PATTERNS],
	['npm pack tarball', unpackTarball(), ['**/*.js', 'package.json']],
];
let failed = false;
for (const [name, dir, patterns] of legs) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`community package scan (${name}): passed`);
	} else {
		failed = true;
		console.log(
			`community package scan (${name}): FAILED: ${result.message}\n${result.details ?? ''}`,
		);
	}
}
process.exit(failed ? 1 : 0);
