import { readRateLimits, resetToMs } from '../../../../nodes/VisionChat/limiter/rateLimitHeaders';

describe('the rate-limit headers an answer carries', () => {
	test('resets as OpenAI and Groq write them, in seconds, and as OpenRouter’s point in time', () => {
		expect(resetToMs('1s')).toBe(1000);
		expect(resetToMs('6m0s')).toBe(360_000);
		expect(resetToMs('20ms')).toBe(20);
		expect(resetToMs('2m59.56s')).toBeCloseTo(179_560);
		expect(resetToMs('1h2m3s')).toBe(3_723_000);
		expect(resetToMs('1.5')).toBe(1500);
		expect(resetToMs('1700000060000', 1_700_000_000_000)).toBe(60_000);
		expect(resetToMs('1700000060', 1_700_000_000_000)).toBe(60_000);
		expect(resetToMs('soon')).toBeUndefined();
		expect(resetToMs('5 s')).toBeUndefined();
	});

	test('requests and tokens, any case; the unsuffixed trio for requests; incomplete ones ignored', () => {
		expect(
			readRateLimits({
				'X-RateLimit-Limit-Requests': '500',
				'x-ratelimit-remaining-requests': '499',
				'x-ratelimit-reset-requests': '120ms',
				'x-ratelimit-limit-tokens': '30000',
				'x-ratelimit-remaining-tokens': '29000',
				'x-ratelimit-reset-tokens': '2s',
			}),
		).toEqual({
			requests: { limit: 500, remaining: 499, resetMs: 120 },
			tokens: { limit: 30000, remaining: 29000, resetMs: 2000 },
		});
		expect(
			readRateLimits(
				{
					'x-ratelimit-limit': '20',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': '1000005000',
				},
				1_000_000_000_000,
			),
		).toEqual({ requests: { limit: 20, remaining: 0, resetMs: 5_000_000 } });
		expect(readRateLimits({ 'x-ratelimit-remaining-requests': '3' })).toEqual({});
		expect(readRateLimits(undefined)).toEqual({});
	});
});
