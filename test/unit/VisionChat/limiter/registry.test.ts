import { LimiterRegistry, limiterKey } from '../../../../nodes/VisionChat/limiter/registry';
import { FakeClock, settle } from './fakeClock';

const slot = { execution: 'e', maxConcurrent: 2, adaptive: false, bytes: 0, budget: 1 };
const key = (apiKey: string) => limiterKey({ baseUrl: 'https://api.example/v1', apiKey });

test('one limiter per API key and Base URL, found by a hash that holds no key, idle after the run', async () => {
	expect(key('sk-secret')).toMatch(/^[0-9a-f]{64}$/);
	expect(key('sk-secret')).not.toContain('sk-secret');
	expect(limiterKey({ baseUrl: 'https://other/v1', apiKey: 'sk-secret' })).not.toBe(
		key('sk-secret'),
	);
	const registry = new LimiterRegistry(new FakeClock());
	await Promise.all([
		registry.withKeySlot(key('sk-a'), slot, async () => undefined),
		registry.withKeySlot(key('sk-a'), slot, async () => undefined),
		registry.withKeySlot(key('sk-b'), slot, async () => undefined),
	]);
	expect(registry.kept).toBe(2);
	expect(registry.busy).toBe(0);
});

test('a limiter unused for ten minutes is dropped when a new key arrives; one used since is kept', async () => {
	const clock = new FakeClock();
	const registry = new LimiterRegistry(clock);
	await registry.withKeySlot(key('sk-rotated-1'), slot, async () => undefined);
	await registry.withKeySlot(key('sk-kept'), slot, async () => undefined);
	clock.advance(9 * 60_000);
	await registry.withKeySlot(key('sk-kept'), slot, async () => undefined);
	clock.advance(60_000 + 1000);
	await registry.withKeySlot(key('sk-rotated-2'), slot, async () => undefined);
	expect(registry.kept).toBe(2);
});

test("waiting to retry gives the slot back for the wait, on the registry's clock", async () => {
	const clock = new FakeClock();
	const registry = new LimiterRegistry(clock);
	const one = { ...slot, maxConcurrent: 1 };
	const order: string[] = [];
	const first = registry.withKeySlot(key('sk-wait'), one, async (reports) => {
		order.push('first sent');
		await reports.retryAfterWait(5000);
		order.push('first sent again');
	});
	await settle();
	const second = registry.withKeySlot(key('sk-wait'), one, async () => {
		order.push('second sent');
	});
	await settle();
	expect(order).toEqual(['first sent', 'second sent']);
	clock.advance(5000);
	await Promise.all([first, second]);
	expect(order).toEqual(['first sent', 'second sent', 'first sent again']);
	expect(registry.busy).toBe(0);
});
