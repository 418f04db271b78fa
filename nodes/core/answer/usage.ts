import type { IDataObject } from 'n8n-workflow';

export function tokens(usage: unknown): { input: number; output: number } | undefined {
	const { prompt_tokens: input, completion_tokens: output } = (usage ?? {}) as IDataObject;
	return typeof input === 'number' && typeof output === 'number' ? { input, output } : undefined;
}

export interface TokenPrices {
	/** Per million input (prompt) tokens. */
	input: number;
	/** Per million output (completion) tokens. */
	output: number;
}

/** Pure: the estimated cost of one answer at the given prices, or null when its usage is unknown. */
export function estimatedCost(usage: unknown, prices: TokenPrices): number | null {
	const used = tokens(usage);
	if (!used) return null;
	const cost = (used.input * prices.input + used.output * prices.output) / 1_000_000;
	return Math.round(cost * 1e8) / 1e8;
}

/**
 * The estimated cost of one answer at the prices the user set (Input and Output Price per 1M
 * Tokens), less a discount (the batch price); undefined when no price is set.
 */
export function answerCost(
	usage: unknown,
	options: IDataObject,
	discount = 0,
): number | null | undefined {
	const input = Number(options.inputTokenPrice ?? 0);
	const output = Number(options.outputTokenPrice ?? 0);
	if (!(input > 0 || output > 0)) return undefined;
	const factor = 1 - discount;
	return estimatedCost(usage, { input: input * factor, output: output * factor });
}

/**
 * Pure: the request's cost on the first of its output items and 0 on the others (Split Choices),
 * so a sum over the items is what the API billed. No price set: the items as they are.
 */
export function withRequestCost(
	outputs: IDataObject[],
	cost: number | null | undefined,
): IDataObject[] {
	if (cost === undefined) return outputs;
	return outputs.map((json, position) => ({ ...json, cost: position === 0 ? cost : 0 }));
}

/**
 * Pure: two requests' usage as one (an answer asked again counts both): every number added,
 * nested counts (`prompt_tokens_details`...) too; where one side has none, the other as it is.
 */
export function sumUsage(earlier: unknown, later: unknown): unknown {
	if (typeof earlier !== 'object' || earlier === null) return later;
	if (typeof later !== 'object' || later === null) return earlier;
	const sum: IDataObject = { ...(earlier as IDataObject) };
	for (const [name, value] of Object.entries(later as IDataObject)) {
		const before = sum[name];
		if (typeof value === 'number' && typeof before === 'number') sum[name] = before + value;
		else if (typeof value === 'object' && value !== null && typeof before === 'object') {
			sum[name] = sumUsage(before, value) as IDataObject;
		} else sum[name] = value;
	}
	return sum;
}
