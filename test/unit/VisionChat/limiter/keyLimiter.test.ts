/** The limiter of one key, composed of its parts, on a clock the test moves: no real waits. */
import { getEventListeners } from 'events';

import { KeyLimiter } from '../../../../nodes/VisionChat/limiter/keyLimiter';
import type { SlotRequest, Ticket } from '../../../../nodes/VisionChat/limiter/keyLimiter';
import { FakeClock, settle } from './fakeClock';

const slot = (
	execution: string,
	maxConcurrent: number,
	adaptive: boolean,
	signal?: AbortSignal,
): SlotRequest => ({
	execution,
	maxConcurrent,
	adaptive,
	signal,
	bytes: 0,
	budget: Number.POSITIVE_INFINITY,
});

/** Asks for `count` slots of `request`; what was granted so far, in order. */
function ask(limiter: KeyLimiter, request: () => SlotRequest, count: number) {
	const granted: Ticket[] = [];
	const all = Array.from({ length: count }, () =>
		limiter.acquire(request()).then((ticket) => granted.push(ticket) && ticket),
	);
	return { granted, all };
}

test('fixed: at most the Max Concurrent Requests at once; executions take turns, each in its own order', async () => {
	const limiter = new KeyLimiter(new FakeClock());
	const order: string[] = [];
	const held: Ticket[] = [];
	const askAs = (execution: string, index: number) =>
		limiter.acquire(slot(execution, 2, false)).then((ticket) => {
			order.push(`${execution}${index}`);
			held.push(ticket);
		});
	const waits = [
		...[0, 1, 2, 3, 4, 5].map((index) => askAs('big', index)),
		...[0, 1].map((index) => askAs('small', index)),
	];
	await settle();
	expect(order).toEqual(['big0', 'big1']);
	for (let done = 0; done < 6; done++) {
		limiter.release(held.shift()!, true);
		await settle();
	}
	await Promise.all(waits);
	expect(order).toEqual(['big0', 'big1', 'big2', 'small0', 'big3', 'small1', 'big4', 'big5']);
	limiter.release(held.shift()!, true);
	limiter.release(held.shift()!, true);
	expect(limiter.idle).toBe(true);
});

test('adaptive: 4 at first, 8 after a clean round, the four beyond what ran spread over an eighth of a round; an item without Adaptive Concurrency gets its Max Concurrent Requests', async () => {
	const clock = new FakeClock();
	const limiter = new KeyLimiter(clock);
	const first = ask(limiter, () => slot('e', 10, true), 12);
	await settle();
	expect(first.granted).toHaveLength(4);
	clock.advance(100);
	for (const ticket of first.granted.splice(0, 4)) limiter.release(ticket, true);
	await settle();
	// The four that ran, and the first beyond them; the others 100 ms / 8 / 4 apart.
	expect(first.granted).toHaveLength(5);
	for (const expected of [6, 7, 8]) {
		clock.advance(4);
		await settle();
		expect(first.granted).toHaveLength(expected);
	}
	clock.advance(100);
	await settle();
	expect(first.granted).toHaveLength(8);
	for (const ticket of first.granted.splice(0)) limiter.release(ticket, true);
	await Promise.all(first.all);
	const fixed = ask(limiter, () => slot('f', 10, false), 10);
	await settle();
	expect(fixed.granted).toHaveLength(10);
	for (const ticket of fixed.granted) limiter.release(ticket, true);
});

test('a Retry-After pauses every new request on the key until it has passed', async () => {
	const clock = new FakeClock();
	const limiter = new KeyLimiter(clock);
	const first = await limiter.acquire(slot('a', 1, false));
	const next = ask(limiter, () => slot('b', 1, false), 1);
	limiter.answered429(first, 300);
	limiter.release(first, false);
	await settle();
	expect(next.granted).toHaveLength(0);
	clock.advance(299);
	await settle();
	expect(next.granted).toHaveLength(0);
	clock.advance(1);
	await settle();
	expect(next.granted).toHaveLength(1);
	limiter.release(next.granted[0], true);
	expect(limiter.idle).toBe(true);
});

test('a cancelled execution leaves the line; the others go on', async () => {
	const limiter = new KeyLimiter(new FakeClock());
	const first = await limiter.acquire(slot('a', 1, false));
	const controller = new AbortController();
	const cancelled = limiter.acquire(slot('b', 1, false, controller.signal));
	const waiting = ask(limiter, () => slot('c', 1, false), 1);
	controller.abort();
	await expect(cancelled).rejects.toThrow('The execution was cancelled');
	limiter.release(first, true);
	await settle();
	expect(waiting.granted.map((ticket) => ticket.request.execution)).toEqual(['c']);
	limiter.release(waiting.granted[0], true);
	expect(limiter.idle).toBe(true);
});

test('a stopped run: its 300 waiting items leave the line at once, through one listener on its signal', async () => {
	const limiter = new KeyLimiter(new FakeClock());
	const stop = new AbortController();
	const running = await limiter.acquire(slot('run', 1, false, stop.signal));
	const waiting = Array.from({ length: 300 }, () =>
		limiter.acquire(slot('run', 1, false, stop.signal)).catch((error: Error) => error.message),
	);
	// Node warns of a leak past 10 listeners on one signal.
	expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
	expect(limiter.waiting).toBe(300);
	stop.abort();
	expect(new Set(await Promise.all(waiting))).toEqual(new Set(['The execution was cancelled']));
	expect(limiter.waiting).toBe(0);
	limiter.release(running, false);
	expect(limiter.idle).toBe(true);
});

test("OpenAI's headers stating 30,000 requests a minute lift the limit to the Max Concurrent Requests after the first answer", async () => {
	const clock = new FakeClock();
	const limiter = new KeyLimiter(clock);
	const run = ask(limiter, () => slot('e', 50, true), 60);
	await settle();
	expect(run.granted).toHaveLength(4);
	clock.advance(200);
	const answered = run.granted[0];
	limiter.observe(answered, { requests: { limit: 30_000, remaining: 29_996, resetMs: 8 } });
	limiter.release(answered, true);
	// The headers' pacing spreads the starts at the stated rate (one each 2 ms, up to 20 ms ahead).
	for (let ms = 0; ms < 200; ms++) {
		clock.advance(1);
		await settle();
	}
	expect(run.granted).toHaveLength(51);
	expect(limiter.currentLimit).toBe(50);
	for (const ticket of run.granted.slice(1)) limiter.release(ticket, true);
	while (run.granted.length < 60) {
		clock.advance(2);
		await settle();
	}
	for (const ticket of run.granted.slice(51)) limiter.release(ticket, true);
	expect(limiter.idle).toBe(true);
});

test.each([
	['30,000 requests a minute', 200, { limit: 30_000, remaining: 29_996, resetMs: 8 }],
	// 4 of 14,400 taken: it refills in a day, and says nothing of how many may run at once.
	['14,400 requests a day', 50, { limit: 14_400, remaining: 14_396, resetMs: 24_000 }],
])(
	'Max Concurrent Requests at automatic: headers stating %s lift the limit to %i after the first answer',
	async (_, lifted, requests) => {
		const clock = new FakeClock();
		const limiter = new KeyLimiter(clock);
		const automatic = () => ({ ...slot('e', 50, true), maxConcurrentWithHeaders: 200 });
		const run = ask(limiter, automatic, 250);
		await settle();
		expect(run.granted).toHaveLength(4);
		clock.advance(200);
		const answered = run.granted[0];
		limiter.observe(answered, { requests });
		limiter.release(answered, true);
		for (let ms = 0; ms < 600; ms++) {
			clock.advance(1);
			await settle();
		}
		expect(limiter.currentLimit).toBe(lifted);
		expect(run.granted).toHaveLength(1 + lifted);
		const released = new Set<Ticket>([answered]);
		const releaseAll = () => {
			for (const ticket of run.granted.filter((granted) => !released.has(granted))) {
				released.add(ticket);
				limiter.release(ticket, true);
			}
		};
		while (run.granted.length < 250) {
			releaseAll();
			clock.advance(2);
			await settle();
		}
		releaseAll();
		expect(limiter.idle).toBe(true);
	},
);
