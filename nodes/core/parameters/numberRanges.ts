import { InputProblem } from '../errors/problems';

export function checkRange(field: string, value: unknown, min?: number, max?: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new InputProblem(field, `must be a number, got ${JSON.stringify(value)}`);
	}
	if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
		throw new InputProblem(
			field,
			`must be between ${min ?? '-∞'} and ${max ?? '∞'}, got ${number}`,
		);
	}
	return number;
}
