import type { IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { readRateLimits } from '../limiter/rateLimitHeaders';
import type { SlotReports } from '../limiter/registry';

const TOTAL_TOKENS = '"total_tokens"';

/**
 * The tokens an answer says it took: `usage.total_tokens` of a JSON body or of an event stream's
 * last chunk. A stream is searched from its end, where the usage chunk is: the answer itself is
 * read once, by the event-stream reader.
 */
export function tokensUsed(body: unknown): number | undefined {
	if (Buffer.isBuffer(body) || typeof body === 'string') {
		const at = body.lastIndexOf(TOTAL_TOKENS);
		if (at < 0) return undefined;
		const after = at + TOTAL_TOKENS.length;
		const count = /^:\s*(\d+)/.exec(body.slice(after, after + 40).toString());
		return count ? Number(count[1]) : undefined;
	}
	const total = (body as { usage?: { total_tokens?: unknown } } | null)?.usage?.total_tokens;
	return typeof total === 'number' ? total : undefined;
}

/**
 * A step of every answer of one item's request (routing.ts): tells its key's limiter what every
 * answer, refusals included, said of the API's limits. It changes nothing.
 */
export function rateLimitReport(observe: SlotReports['observe']) {
	return async function reportRateLimits(
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		observe(
			readRateLimits(response.headers as Record<string, unknown>),
			response.statusCode < 300 ? tokensUsed(response.body) : undefined,
		);
		return items;
	};
}
