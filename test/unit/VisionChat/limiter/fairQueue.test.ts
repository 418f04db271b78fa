import { FairQueue } from '../../../../nodes/VisionChat/limiter/fairQueue';

const request = (execution: string, bytes = 0, budget = Number.POSITIVE_INFINITY) => ({
	execution,
	bytes,
	budget,
});

test('executions take turns, each in its own order; a retry goes first in its execution', () => {
	const queue = new FairQueue<ReturnType<typeof request>>();
	const granted: string[] = [];
	const add = (name: string, execution: string, again = false) =>
		queue.enqueue(request(execution), () => granted.push(name), again);
	add('a1', 'a');
	add('a2', 'a');
	add('a3', 'a');
	add('b1', 'b');
	add('a0', 'a', true);
	while (queue.next()) queue.startNext();
	expect(granted).toEqual(['a0', 'b1', 'a1', 'a2', 'a3']);
	expect(queue.active).toBe(5);
});

test('what runs holds at most the image budget, but one request always may run', () => {
	const queue = new FairQueue<ReturnType<typeof request>>();
	const big = request('a', 300, 256);
	expect(queue.fits(big, 10)).toBe(true);
	queue.enqueue(big, () => undefined, false);
	queue.startNext();
	expect(queue.fits(request('a', 1, 256), 10)).toBe(false);
	queue.finish(big);
	expect(queue.fits(request('a', 100, 256), 10)).toBe(true);
	expect(queue.fits(request('a', 100, 256), 0)).toBe(false);
	expect(queue.idle).toBe(true);
});

test('a cancelled request leaves the line, once', () => {
	const queue = new FairQueue<ReturnType<typeof request>>();
	const waiting = request('a');
	queue.enqueue(waiting, () => undefined, false);
	expect(queue.remove(waiting)).toBe(true);
	expect(queue.remove(waiting)).toBe(false);
	expect(queue.idle).toBe(true);
});
