import * as n8nWorkflow from 'n8n-workflow';
import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { tokens } from '../../core/answer/usage';

type AccumulateTokenUsage = (
	context: IExecuteSingleFunctions,
	inputTokens: number,
	outputTokens: number,
) => void;

// Newer n8n (2.x) counts the tokens a node used in its execution views; older n8n-workflow has no
// such function, and then the usage is only in the output items.
const { accumulateTokenUsage } = n8nWorkflow as unknown as {
	accumulateTokenUsage?: AccumulateTokenUsage;
};

/** Tells the running n8n, where it can count them, the tokens of one answer. */
export function reportTokenUsage(context: IExecuteSingleFunctions, usage: unknown): void {
	const used = tokens(usage);
	if (used && accumulateTokenUsage) accumulateTokenUsage(context, used.input, used.output);
}
