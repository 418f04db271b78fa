/** `npm run docs`: writes the READMEs' generated blocks (the provider table) from the code. */
import fs from 'fs';
import path from 'path';

import { READMES, withGeneratedBlocks } from './readme/readmes';

for (const { file, language } of READMES) {
	const target = path.join(__dirname, '..', file);
	const text = fs.readFileSync(target, 'utf8');
	const generated = withGeneratedBlocks(text, language);
	if (generated !== text) fs.writeFileSync(target, generated);
	console.log(`${file}: ${generated === text ? 'up to date' : 'rewritten'}`);
}
