import {
	busyLimiters,
	keptLimiters,
	limiterKey,
	withKeySlot,
} from '../../../../nodes/VisionChat/limiter/registry';

const slot = { execution: 'e', ceiling: 2, adaptive: false, bytes: 0, budget: 1 };

test('one limiter per API key and Base URL, kept by hash, idle after the run', async () => {
	expect(limiterKey({ baseUrl: 'u', apiKey: 'sk-secret' })).toMatch(/^[0-9a-f]{64}$/);
	const before = keptLimiters();
	const credentials = { baseUrl: 'https://api.example/v1', apiKey: 'sk-registry-test' };
	await Promise.all([
		withKeySlot(limiterKey(credentials), slot, async () => undefined),
		withKeySlot(limiterKey(credentials), slot, async () => undefined),
		withKeySlot(limiterKey({ ...credentials, apiKey: 'sk-other' }), slot, async () => undefined),
	]);
	expect(keptLimiters()).toBe(before + 2);
	expect(busyLimiters()).toBe(0);
});

test('a limiter unused for ten minutes is dropped', async () => {
	const now = Date.now();
	const clock = jest.spyOn(Date, 'now');
	try {
		await withKeySlot(
			limiterKey({ baseUrl: 'x', apiKey: 'sk-rotated-1' }),
			slot,
			async () => undefined,
		);
		const kept = keptLimiters();
		clock.mockReturnValue(now + 10 * 60_000 + 1000);
		await withKeySlot(
			limiterKey({ baseUrl: 'x', apiKey: 'sk-rotated-2' }),
			slot,
			async () => undefined,
		);
		expect(keptLimiters()).toBe(1);
		expect(kept).toBeGreaterThan(1);
	} finally {
		clock.mockRestore();
	}
});
