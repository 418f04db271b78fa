/**
 * OpenAI's reasoning models (o1, o3, o4-mini, GPT-5...) refuse max_tokens and want
 * max_completion_tokens; most gateways and local servers know only max_tokens. A model ID may
 * carry a gateway's prefix (openai/o3).
 */
const REASONING_MODEL = /(^|\/)(o\d|gpt-5)/i;

export function tokenLimitField(model: string): 'max_tokens' | 'max_completion_tokens' {
	return REASONING_MODEL.test(model) ? 'max_completion_tokens' : 'max_tokens';
}
