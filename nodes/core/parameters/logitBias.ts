import { InputProblem } from '../errors/problems';
import { parseJsonParameter } from './jsonParameter';
import { checkRange } from './numberRanges';

/** logit_bias: a JSON object of token IDs (integers as keys) to a bias from -100 to 100. */
export function parseLogitBias(value: unknown): Record<string, number> {
	const field = 'Logit Bias';
	const parsed = parseJsonParameter(field, value);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InputProblem(
			field,
			'must be a JSON object of token IDs to biases, e.g. {"50256": -100}',
		);
	}
	const bias: Record<string, number> = {};
	for (const [token, weight] of Object.entries(parsed)) {
		if (!/^\d+$/.test(token)) {
			throw new InputProblem(field, `"${token}" is not a token ID (a whole number)`);
		}
		bias[token] = checkRange(`${field} for token ${token}`, weight, -100, 100);
	}
	return bias;
}
