import type { IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { readRateLimits } from '../limiter/rateLimitHeaders';
import type { SlotReports } from '../limiter/registry';

/** The tokens an answer says it took: `usage.total_tokens` of a JSON body or an event stream's last chunk. */
export function tokensUsed(body: unknown): number | undefined {
	if (Buffer.isBuffer(body) || typeof body === 'string') {
		const counts = [...String(body).matchAll(/"total_tokens":\s*(\d+)/g)];
		return counts.length ? Number(counts[counts.length - 1][1]) : undefined;
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
