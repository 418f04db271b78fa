/**
 * Waits until `check` holds, checking every `everyMs` (after `step`, which may fetch what `check`
 * reads). The bound only ends a wait that would never end: a loaded machine gets there later,
 * never wrongly.
 */
export async function until(
	what: string,
	check: () => boolean,
	timeoutMs: number,
	{ everyMs = 10, step = async () => {} }: { everyMs?: number; step?: () => Promise<void> } = {},
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	await step();
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
		await step();
	}
}
