import { RatePacer } from '../../../../nodes/VisionChat/limiter/ratePacer';
import { readRateLimits } from '../../../../nodes/VisionChat/limiter/rateLimitHeaders';

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

	test.each([10, 2])(
		'against 10 a second from a bucket of %i that rounds what is left down: no refusal, at most 11 arrivals in any second, close to its rate',
		(size) => {
			const pacer = new RatePacer();
			const bucket = { level: size, at: 0 };
			const arriving: { at: number; started: number }[] = [];
			const answers: { at: number; started: number; headers: Record<string, string> }[] = [];
			const arrivals: number[] = [];
			let refused = 0;
			let inFlight = 0;
			for (let now = 0; arrivals.length < 60 && now < 60_000; now++) {
				// The API takes from its bucket as a request arrives, and answers 50 ms later.
				for (const request of arriving.filter((pending) => pending.at === now)) {
					arrivals.push(now);
					bucket.level = Math.min(size, bucket.level + (now - bucket.at) / 100);
					bucket.at = now;
					if (bucket.level >= 1) bucket.level -= 1;
					// Before the first answer nothing is known: the first round may exceed a small bucket.
					else if (now > 20) refused++;
					answers.push({
						at: now + 50,
						started: request.started,
						headers: {
							'x-ratelimit-limit-requests': String(size),
							'x-ratelimit-remaining-requests': String(Math.floor(bucket.level)),
							'x-ratelimit-reset-requests': `${Math.ceil((size - bucket.level) * 100)}ms`,
						},
					});
				}
				for (const answer of answers.filter((pending) => pending.at === now)) {
					pacer.observe(readRateLimits(answer.headers), answer.started, now);
					inFlight--;
				}
				// Four at a time, as the limiter's first round allows. A request reaches the API 0 to
				// 15 ms after it starts (reading, encoding, the network), so the bucket is seldom at a
				// whole request when it arrives.
				while (inFlight < 4 && pacer.waitMs(now) === 0) {
					const started = pacer.start(now);
					arriving.push({ at: now + ((started * 7919) % 16), started });
					inFlight++;
				}
			}
			const inAnySecond = Math.max(
				...arrivals.map(
					(from) => arrivals.filter((time) => time >= from && time < from + 1000).length,
				),
			);
			expect(refused).toBe(0);
			expect(inAnySecond).toBeLessThanOrEqual(11);
			// 60 requests at 10 a second: 5.9 s after the first, and not much more.
			expect(arrivals[59]).toBeLessThan(5900 * 1.1);
		},
	);

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

	test.each([
		[60_000, 1, 21],
		[600, 100, 1],
	])(
		'%i a minute: starts at one instant run ahead of their even schedule by 20 ms of it at most (%i ms apart: %i at once)',
		(perMinute, resetMs, atOnce) => {
			const pacer = new RatePacer();
			// One request used of the minute's, back in `resetMs`: the API's rate, one per `resetMs`.
			pacer.observe(requests(perMinute, perMinute - 1, resetMs), pacer.start(0), 0);
			let started = 0;
			for (; pacer.waitMs(1000) === 0 && started < 100; started++) pacer.start(1000);
			expect(started).toBe(atOnce);
		},
	);
});

test('a Retry-After pause holds every start until it has passed; the longest pause wins', () => {
	const pacer = new RatePacer();
	pacer.pause(1300);
	pacer.pause(1100);
	expect(pacer.waitMs(1000)).toBe(300);
	expect(pacer.waitMs(1300)).toBe(0);
});

test('starts are numbered, and headers leave room or pace the next start', () => {
	const pacer = new RatePacer();
	expect(pacer.room(0)).toBe(Number.POSITIVE_INFINITY);
	const first = pacer.start(0);
	pacer.start(0);
	expect(pacer.startedCount).toBe(2);
	// 60 a minute, none left after the first; the second was sent after it.
	pacer.observe({ requests: { limit: 60, remaining: 0, resetMs: 60_000 } }, first, 0);
	expect(pacer.room(0)).toBeLessThan(0);
	expect(pacer.waitMs(0)).toBe(2000);
});

test.each([
	[1200, true],
	[1210, false],
])(
	'a request limit whose whole refills within two minutes paces the starts, a longer one does not (100 requests, one back every %i ms: %s)',
	(resetMs, paces) => {
		const pacer = new RatePacer();
		pacer.observe({ requests: { limit: 100, remaining: 99, resetMs } }, pacer.start(0), 0);
		expect(pacer.pacesStarts).toBe(paces);
		expect(pacer.waitMs(0) > 0).toBe(paces);
	},
);

test('the next start keeps its interval after the latest 64 starts, not every start ever made', () => {
	const pacer = new RatePacer();
	const first = pacer.start(0);
	for (let more = 1; more < 100; more++) pacer.start(0);
	// 6,000 a minute: one every 10 ms. 64 starts kept at 0 put the next at 640 ms, less the
	// 20 ms slack (two intervals) it may run ahead.
	pacer.observe({ requests: { limit: 6000, remaining: 5999, resetMs: 10 } }, first, 0);
	expect(pacer.waitMs(0)).toBe(620);
});
