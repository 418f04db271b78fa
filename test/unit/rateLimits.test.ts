import { readRateLimits, resetToMs } from '../../nodes/VisionChat/request/rateLimitHeaders';
import { RatePacer } from '../../nodes/VisionChat/request/ratePacer';
import { tokensUsed } from '../../nodes/VisionChat/response/rateLimitReport';

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

	test('the tokens an answer took: JSON usage, or the last usage of an event stream', () => {
		expect(tokensUsed({ usage: { total_tokens: 812 } })).toBe(812);
		expect(
			tokensUsed(Buffer.from('data: {"usage":null}\n\ndata: {"usage":{"total_tokens": 90}}\n\n')),
		).toBe(90);
		expect(tokensUsed({ usage: null })).toBeUndefined();
	});
});

describe('RatePacer', () => {
	const requests = (limit: number, remaining: number, resetMs: number) => ({
		requests: { limit, remaining, resetMs },
	});

	test('holds nothing back without headers, or while far from the limit of a long window', () => {
		const pacer = new RatePacer();
		for (let index = 0; index < 20; index++) pacer.start(0);
		expect(pacer.waitMs(0)).toBe(0);
		// A day's 14400 requests, 30 used: spent as they come.
		pacer.observe(requests(14_400, 14_370, 179_560), 20, 0);
		expect(pacer.waitMs(0)).toBe(0);
	});

	test('waits when the requests left would not cover the next, until the bucket has refilled one', () => {
		const pacer = new RatePacer();
		const first = pacer.start(0);
		pacer.start(0);
		// 60 a minute, none left after the first; the second started after it and is not counted.
		pacer.observe(requests(60, 0, 60_000), first, 0);
		expect(pacer.waitMs(0)).toBe(2000);
		expect(pacer.waitMs(2000)).toBe(0);
	});

	test('a wait of more than a minute is not made: the request goes, and the API says why it refuses', () => {
		const pacer = new RatePacer();
		const first = pacer.start(0);
		pacer.observe(requests(1000, 0, 86_400_000), first, 0);
		expect(pacer.waitMs(0)).toBe(0);
	});

	test('under a per-second limit, starts are spread at its rate after the ones already sent', () => {
		const pacer = new RatePacer();
		const sent = [0, 0, 0, 0].map(() => pacer.start(0));
		// 10 per second, 6 left: a full bucket is 1 s away.
		pacer.observe(requests(10, 6, 400), sent[3], 5);
		expect(pacer.waitMs(5)).toBe(395);
		pacer.start(400);
		expect(pacer.waitMs(400)).toBe(100);
		// Any second holds at most 10 starts.
		const starts = [0, 0, 0, 0, 400];
		let now = 400;
		while (starts.length < 40) {
			now += pacer.waitMs(now) || 1;
			if (pacer.waitMs(now) === 0) {
				pacer.start(now);
				starts.push(now);
			}
		}
		const inAnySecond = Math.max(
			...starts.map((from) => starts.filter((time) => time >= from && time < from + 1000).length),
		);
		expect(inAnySecond).toBe(10);
	});

	test('waits for tokens: a request that took 900 tokens waits while fewer are left', () => {
		const pacer = new RatePacer();
		const first = pacer.start(0);
		pacer.observe(
			{
				requests: { limit: 500, remaining: 499, resetMs: 120 },
				tokens: { limit: 10_000, remaining: 500, resetMs: 57_000 },
			},
			first,
			0,
			900,
		);
		// 9500 tokens refill in 57 s: 400 more take 2.4 s.
		expect(pacer.waitMs(0)).toBe(2400);
		expect(pacer.waitMs(2400)).toBe(0);
	});
});
