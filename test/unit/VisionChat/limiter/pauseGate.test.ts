import { PauseGate } from '../../../../nodes/VisionChat/limiter/pauseGate';

test('a Retry-After pause holds every start until it has passed; the longest pause wins', () => {
	const gate = new PauseGate();
	gate.pause(1300);
	gate.pause(1100);
	expect(gate.waitMs(1000)).toBe(300);
	expect(gate.waitMs(1300)).toBe(0);
});

test('starts are numbered, and headers leave room or pace the next start', () => {
	const gate = new PauseGate();
	expect(gate.room(0)).toBe(Number.POSITIVE_INFINITY);
	const first = gate.start(0);
	gate.start(0);
	expect(gate.starts).toBe(2);
	// 60 a minute, none left after the first; the second was sent after it.
	gate.observe({ requests: { limit: 60, remaining: 0, resetMs: 60_000 } }, first, 0);
	expect(gate.room(0)).toBeLessThan(0);
	expect(gate.waitMs(0)).toBe(2000);
});
