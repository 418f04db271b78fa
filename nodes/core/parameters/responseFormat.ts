import { InputProblem } from '../errors/problems';
import { parseJsonParameter } from './jsonParameter';

interface JsonSchemaFormat {
	type: 'json_schema';
	json_schema: { name: string; schema: Record<string, unknown>; strict: boolean };
}

export function buildJsonSchemaFormat(
	name: unknown,
	schema: unknown,
	strict: unknown,
): JsonSchemaFormat {
	const schemaName = String(name ?? '').trim();
	if (!/^[a-zA-Z0-9_-]{1,64}$/.test(schemaName)) {
		throw new InputProblem(
			'Schema Name',
			`must be 1 to 64 letters, digits, underscores or dashes, got ${JSON.stringify(schemaName)}`,
		);
	}
	const parsed = parseJsonParameter('JSON Schema', schema);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InputProblem('JSON Schema', 'must be a JSON object (a JSON Schema)');
	}
	return {
		type: 'json_schema',
		json_schema: {
			name: schemaName,
			schema: parsed as Record<string, unknown>,
			strict: strict !== false,
		},
	};
}
