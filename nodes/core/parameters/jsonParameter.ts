import { InputProblem } from '../errors/problems';
import { tryParseJson } from '../json';

/** A JSON parameter's value: parsed when it is text (the editor's JSON field), as it is otherwise. */
export function parseJsonParameter(field: string, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const parsed = tryParseJson(value);
	if ('error' in parsed) throw new InputProblem(field, `is not valid JSON (${parsed.error})`);
	return parsed.value;
}
