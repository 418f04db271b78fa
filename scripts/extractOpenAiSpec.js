// Regenerates test/server/openai-spec/chat-completions.schema.json (chat completions, models and
// the Batch API's batches and files) from OpenAI's official
// OpenAPI description (github.com/openai/openai-openapi, openapi.yaml), which cannot be
// downloaded here: pass the path of a copy.
// Usage: node scripts/extractOpenAiSpec.js <openapi.yaml> <commit>
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');

const ROOTS = [
	'CreateChatCompletionRequest',
	'CreateChatCompletionResponse',
	'CreateChatCompletionStreamResponse',
	'ListModelsResponse',
	'ErrorResponse',
	// The Batch API (the Vision Chat Batch node): files in, a batch, files out.
	'CreateBatchRequest',
	'Batch',
	'OpenAIFile',
	'DeleteFileResponse',
];
const REF = '#/components/schemas/';
const OUT = path.join(
	__dirname,
	'..',
	'test',
	'server',
	'openai-spec',
	'chat-completions.schema.json',
);

/** Every schema name a schema refers to, at any depth. */
function refsOf(value, found = new Set()) {
	if (Array.isArray(value)) value.forEach((entry) => refsOf(entry, found));
	else if (value && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) {
			if (key === '$ref' && typeof entry === 'string' && entry.startsWith(REF))
				found.add(entry.slice(REF.length));
			else refsOf(entry, found);
		}
	}
	return found;
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema 2020-12 says it. */
function withoutNullable(value) {
	if (Array.isArray(value)) return value.map(withoutNullable);
	if (!value || typeof value !== 'object') return value;
	const { nullable, ...rest } = Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [key, withoutNullable(entry)]),
	);
	if (nullable !== true) return nullable === undefined ? rest : { ...rest, nullable };
	if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
	if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] };
	if (Array.isArray(rest.type))
		return { ...rest, type: rest.type.includes('null') ? rest.type : [...rest.type, 'null'] };
	return { anyOf: [rest, { type: 'null' }] };
}

function main() {
	const [source, commit] = process.argv.slice(2);
	if (!source || !commit)
		throw new Error('usage: node scripts/extractOpenAiSpec.js <openapi.yaml> <commit>');
	const all = yaml.load(fs.readFileSync(source, 'utf8')).components.schemas;
	const names = new Set();
	const pending = [...ROOTS];
	while (pending.length) {
		const name = pending.pop();
		if (names.has(name)) continue;
		if (!all[name]) throw new Error(`${source} has no schema ${name}`);
		names.add(name);
		pending.push(...refsOf(all[name]));
	}
	const schemas = Object.fromEntries(
		[...names].sort().map((name) => [name, withoutNullable(all[name])]),
	);
	const spec = {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		$id: 'openai-chat-completions',
		description: `Subset of the official OpenAI OpenAPI 3.1 description (openai/openai-openapi, openapi.yaml, commit ${commit}, MIT licence): the schemas reachable from ${ROOTS.join(', ')}. OpenAPI 3.0 leftovers ("nullable") were rewritten as JSON Schema null types so that a 2020-12 validator compiles it. Refer to a schema as openai-chat-completions#/components/schemas/NAME.`,
		components: { schemas },
	};
	fs.writeFileSync(OUT, JSON.stringify(spec, null, 1));
	console.log(`${OUT}: ${names.size} schemas`);
}

main();
