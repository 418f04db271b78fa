/** A first-in, first-out limit on how many tasks run at once. */
class Slots {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(private readonly limit: number) {}

	get idle(): boolean {
		return this.active === 0 && this.waiting.length === 0;
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.active < this.limit) this.active++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			// The slot passes straight to the next task, so `active` stays the same.
			if (next) next();
			else this.active--;
		}
	}
}

const slotsByKey = new Map<string, Slots>();

/**
 * Runs `task` once fewer than `limit()` tasks with the same key are running. n8n starts every
 * item's request at once; the key (execution and node) makes the items of one node run share
 * one limit, which is read only when the key's first task arrives.
 */
export async function withSlot<T>(
	key: string,
	limit: () => number,
	task: () => Promise<T>,
): Promise<T> {
	let slots = slotsByKey.get(key);
	if (!slots) {
		slots = new Slots(Math.max(1, Math.floor(limit())));
		slotsByKey.set(key, slots);
	}
	try {
		return await slots.run(task);
	} finally {
		if (slots.idle && slotsByKey.get(key) === slots) slotsByKey.delete(key);
	}
}

/** How many keys hold slots now: 0 once every run is over (tests check nothing leaks). */
export function openSlotKeys(): number {
	return slotsByKey.size;
}
