import type { JsonSchema } from './strictSchema';

/** The string formats the node types and checks (a JSON Example's dates are typed by them too). */
export const FORMATS: Record<'date' | 'date-time', { pattern: RegExp; says: string }> = {
	date: { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, says: 'a date (YYYY-MM-DD)' },
	'date-time': {
		pattern:
			/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/,
		says: 'a date and time (YYYY-MM-DDTHH:MM:SSZ)',
	},
};

/** At most this many problems are told; the check stops there. */
const MOST_PROBLEMS = 5;

/**
 * Pure, linear in the answer: what is wrong with an answer against its schema, each as
 * `path: what` (`total: expected a number, got "twelve"`), none when it matches. Each part of the
 * answer is checked once against each schema node it meets, so the time grows with the answer,
 * for a given schema.
 */
export function answerProblems(schema: JsonSchema, answer: unknown): string[] {
	const problems: string[] = [];
	checkNode(schema, answer, '', problems);
	return problems;
}

function checkNode(schema: JsonSchema, value: unknown, path: string, problems: string[]): void {
	if (problems.length >= MOST_PROBLEMS || typeof schema !== 'object' || schema === null) return;
	const at = path === '' ? 'the answer' : path;
	const fail = (expected: string) =>
		problems.push(`${at}: expected ${expected}, got ${shown(value)}`);
	if (Array.isArray(schema.anyOf)) {
		const passes = schema.anyOf.some((branch: JsonSchema) => {
			const found: string[] = [];
			checkNode(branch, value, path, found);
			return found.length === 0;
		});
		if (!passes) {
			const first: string[] = [];
			checkNode(schema.anyOf[0], value, path, first);
			problems.push(...first.slice(0, MOST_PROBLEMS - problems.length));
			return;
		}
	}
	if (schema.type !== undefined) {
		const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
		if (!types.some((type) => isOfType(type, value))) return void fail(typeWords(types));
	}
	if (Array.isArray(schema.enum) && !schema.enum.some((choice: unknown) => choice === value)) {
		return void fail(`one of ${schema.enum.map((choice: unknown) => shown(choice)).join(', ')}`);
	}
	if ('const' in schema && schema.const !== value) return void fail(shown(schema.const));
	if (typeof value === 'string') checkString(schema, value, fail);
	else if (typeof value === 'number') checkNumber(schema, value, fail);
	else if (Array.isArray(value)) {
		if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
			return void fail(`at least ${schema.minItems} entries`);
		}
		if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
			return void fail(`at most ${schema.maxItems} entries`);
		}
		if (typeof schema.items === 'object') {
			value.forEach((entry, index) =>
				checkNode(schema.items, entry, `${path}[${index}]`, problems),
			);
		}
	} else if (typeof value === 'object' && value !== null) {
		checkObject(schema, value as Record<string, unknown>, path, problems);
	}
}

function checkObject(
	schema: JsonSchema,
	value: Record<string, unknown>,
	path: string,
	problems: string[],
): void {
	const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
	const inside = (name: string) => (path === '' ? name : `${path}.${name}`);
	for (const name of Array.isArray(schema.required) ? schema.required : []) {
		// An optional field (one that takes null) left out is taken as null: gateways that do not
		// enforce strict mode leave such fields out.
		if (!(name in value) && !takesNull(properties[name]) && problems.length < MOST_PROBLEMS) {
			problems.push(`${inside(name)}: missing (a required field)`);
		}
	}
	for (const [name, entry] of Object.entries(value)) {
		if (name in properties) checkNode(properties[name], entry, inside(name), problems);
		else if (schema.additionalProperties === false && problems.length < MOST_PROBLEMS) {
			problems.push(`${inside(name)}: not one of the fields`);
		} else if (typeof schema.additionalProperties === 'object') {
			checkNode(schema.additionalProperties, entry, inside(name), problems);
		}
	}
}

/** Whether a text starting with YYYY-MM-DD names a day the calendar has (no 30 February). */
function isCalendarDay(value: string): boolean {
	const [year, month, day] = [value.slice(0, 4), value.slice(5, 7), value.slice(8, 10)].map(Number);
	return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

function takesNull(schema: JsonSchema | undefined): boolean {
	if (!schema) return false;
	const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
	return (
		types.includes('null') ||
		(Array.isArray(schema.anyOf) && schema.anyOf.some((branch: JsonSchema) => takesNull(branch)))
	);
}

function checkString(schema: JsonSchema, value: string, fail: (expected: string) => void): void {
	const format = FORMATS[schema.format as keyof typeof FORMATS] as
		| (typeof FORMATS)['date']
		| undefined;
	if (format && !(format.pattern.test(value) && isCalendarDay(value))) return fail(format.says);
	if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
		return fail(`at least ${schema.minLength} characters`);
	}
	if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
		return fail(`at most ${schema.maxLength} characters`);
	}
}

function checkNumber(schema: JsonSchema, value: number, fail: (expected: string) => void): void {
	if (typeof schema.minimum === 'number' && value < schema.minimum) {
		return fail(`at least ${schema.minimum}`);
	}
	if (typeof schema.maximum === 'number' && value > schema.maximum) {
		return fail(`at most ${schema.maximum}`);
	}
	if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
		return fail(`more than ${schema.exclusiveMinimum}`);
	}
	if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) {
		return fail(`less than ${schema.exclusiveMaximum}`);
	}
}

function isOfType(type: string, value: unknown): boolean {
	switch (type) {
		case 'null':
			return value === null;
		case 'array':
			return Array.isArray(value);
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'integer':
			return Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		default:
			return typeof value === type;
	}
}

const TYPE_WORDS: Record<string, string> = {
	string: 'text',
	number: 'a number',
	integer: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'an object',
	null: 'null',
};

function typeWords(types: string[]): string {
	return types.map((type) => TYPE_WORDS[type] ?? type).join(' or ');
}

/** A value as an error shows it: short, and never a whole object or list. */
function shown(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return `a list of ${value.length}`;
	if (typeof value === 'object' && value !== null) return 'an object';
	const text = JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}
