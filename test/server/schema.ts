import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import type { ValidateFunction } from 'ajv';
import { readFileSync } from 'fs';
import path from 'path';

/** The official OpenAI schema (where it comes from: openai-spec/README.md). */
export const SPEC_FILE = path.join(__dirname, 'openai-spec', 'chat-completions.schema.json');

let ajv: Ajv2020 | undefined;

const fullUri = fullFormats.uri as (value: string) => boolean;
// A base64 data URL (RFC 2397) is a valid RFC 3986 URI. The general URI regex backtracks over
// every character: 15 ms for a 100 KB image, and a stack overflow for a 20 MB one.
const BASE64_DATA_URL =
	/^data:[a-z]+\/[a-z0-9.+-]+(?:;[a-z0-9-]+=[a-z0-9.+-]+)*;base64,[a-z0-9+/]*={0,2}$/i;
const isUri = (value: string) => BASE64_DATA_URL.test(value) || fullUri(value);

function compiled(name: string): ValidateFunction {
	if (!ajv) {
		ajv = new Ajv2020({ strict: false, allErrors: true });
		addFormats(ajv);
		ajv.addFormat('uri', isUri);
		ajv.addFormat('unixtime', true);
		ajv.addSchema(JSON.parse(readFileSync(SPEC_FILE, 'utf8')));
	}
	const validate = ajv.getSchema(`openai-chat-completions#/components/schemas/${name}`);
	if (!validate) throw new Error(`No schema ${name} in ${SPEC_FILE}`);
	return validate;
}

export const SCHEMA_NAMES = [
	'CreateChatCompletionRequest',
	'CreateChatCompletionResponse',
	'CreateChatCompletionStreamResponse',
	'ListModelsResponse',
	'ErrorResponse',
	'CreateBatchRequest',
	'Batch',
	'OpenAIFile',
	'DeleteFileResponse',
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** The schema's complaints about `value`, or an empty list when it is valid. */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
	const validate = compiled(name);
	if (validate(value)) return [];
	return (validate.errors ?? []).map(
		(error) => `${error.instancePath || '/'} ${error.message ?? ''}`,
	);
}
