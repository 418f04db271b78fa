import fs from 'fs';
import path from 'path';

export interface Provider {
	name: string;
	baseUrl: string;
	chatUrl: string;
	/** What the row says of the provider's Batch API (Vision Chat Batch). */
	batch: string;
	/** How the row says a schema (Fields, JSON Example, JSON Schema) is sent. */
	fields: string;
	/** What the row says of PDF documents. */
	documents: string;
}

/** The rows between `<!-- providers` and `<!-- /providers -->` of a README. */
export function providerTable(readme: string): Provider[] {
	const text = fs.readFileSync(path.join(__dirname, '..', '..', readme), 'utf8');
	const table = /<!-- providers[^>]*-->([\s\S]*?)<!-- \/providers -->/.exec(text)?.[1] ?? '';
	return table
		.split('\n')
		.map((line) => line.split('|').map((cell) => cell.trim()))
		.filter((cells) => cells.length > 4 && /^`https?:/.test(cells[2]))
		.map((cells) => ({
			name: cells[1],
			baseUrl: cells[2].replace(/`/g, ''),
			chatUrl: cells[3].replace(/`/g, ''),
			batch: cells[5],
			fields: cells[6],
			documents: cells[7],
		}));
}
