import type { Clock } from '../../../../nodes/VisionChat/limiter/keyLimiter';

/**
 * A clock the test moves: `sleep` resolves when `advance` passes its time; its random draws are
 * the same on every run of a seed (mulberry32).
 */
export class FakeClock implements Clock {
	private time = 1_000_000;

	constructor(private seed = 1) {}

	random = () => {
		this.seed = (this.seed + 0x6d2b79f5) | 0;
		let mixed = Math.imul(this.seed ^ (this.seed >>> 15), 1 | this.seed);
		mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};

	private sleepers: Array<{ at: number; wake: () => void }> = [];

	now = () => this.time;

	sleep = async (ms: number) =>
		await new Promise<void>((wake) => this.sleepers.push({ at: this.time + ms, wake }));

	/** Moves the time on and wakes every sleeper whose time has come. */
	advance(ms: number): void {
		this.time += ms;
		const due = this.sleepers.filter((sleeper) => sleeper.at <= this.time);
		this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > this.time);
		for (const sleeper of due) sleeper.wake();
	}
}

/** Lets granted slots' promises settle. */
export const settle = async () => await new Promise((resolve) => setImmediate(resolve));
