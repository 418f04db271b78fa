import type { Clock } from '../../../../nodes/VisionChat/limiter/keyLimiter';

/** A clock the test moves: `sleep` resolves when `advance` passes its time. */
export class FakeClock implements Clock {
	private time = 1_000_000;

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
