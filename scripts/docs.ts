/**
 * `npm run docs`: writes the generated blocks of the docs (the provider tables, the limiter's
 * numbers) from the code, in every file scripts/readme/readmes.ts lists.
 */
import fs from 'fs';
import path from 'path';

import { GENERATED_FILES, withGeneratedBlocks } from './readme/readmes';

for (const { file, language, blocks } of GENERATED_FILES) {
	const target = path.join(__dirname, '..', file);
	if (!fs.existsSync(target)) {
		console.error(`${file}: missing`);
		process.exitCode = 1;
		continue;
	}
	const text = fs.readFileSync(target, 'utf8');
	let generated: string;
	try {
		generated = withGeneratedBlocks(text, language, blocks);
	} catch (error) {
		console.error(`${file}: ${(error as Error).message}`);
		process.exitCode = 1;
		continue;
	}
	if (generated !== text) fs.writeFileSync(target, generated);
	console.log(`${file}: ${generated === text ? 'up to date' : 'rewritten'}`);
}
