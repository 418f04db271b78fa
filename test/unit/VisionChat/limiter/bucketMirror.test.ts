import { BucketMirror } from '../../../../nodes/VisionChat/limiter/bucketMirror';

test('unknown until an answer reports the bucket: no wait, an endless level', () => {
	const bucket = new BucketMirror();
	expect(bucket.known).toBe(false);
	expect(bucket.waitMs(5, 0)).toBe(0);
	expect(bucket.levelAt(0)).toBe(Number.POSITIVE_INFINITY);
});

test('the level the answer reports, less what was sent since, refilled at the rate its numbers imply', () => {
	const bucket = new BucketMirror();
	// 600 a minute: 10 used, full again in 1 s -> 10 per second.
	bucket.observe({ limit: 600, remaining: 590, resetMs: 1000 }, 3, 0);
	expect(bucket.levelAt(0)).toBe(587);
	expect(bucket.intervalMs).toBe(100);
	expect(bucket.refillMs).toBe(60_000);
	expect(bucket.levelAt(500)).toBe(592);
	expect(bucket.levelAt(1_000_000)).toBe(600);
});

test('a cost that does not fit waits until the refill brings it; taking lowers the level', () => {
	const bucket = new BucketMirror();
	bucket.observe({ limit: 10, remaining: 0, resetMs: 10_000 }, 0, 0);
	expect(bucket.waitMs(1, 0)).toBe(1000);
	expect(bucket.waitMs(50, 0)).toBe(10_000);
	bucket.observe({ limit: 10, remaining: 5, resetMs: 5000 }, 0, 0);
	bucket.take(5, 0);
	expect(bucket.levelAt(0)).toBe(0);
});

test('where the bucket was full on every answer the rate is unknown: a reset restores it whole', () => {
	const bucket = new BucketMirror();
	bucket.observe({ limit: 5, remaining: 5, resetMs: 1000 }, 0, 0);
	expect(bucket.intervalMs).toBe(0);
	bucket.take(5, 0);
	expect(bucket.levelAt(10)).toBe(0);
	expect(bucket.waitMs(1, 10)).toBe(990);
	expect(bucket.levelAt(1000)).toBe(5);
});
