/**
 * The state of one key's concurrency policy (policy.ts, pushBack.ts), its constants, and how
 * probes and growth are timed.
 */

/** Where an adaptive limit starts: few enough for a free tier or a local server. */
export const INITIAL_LIMIT = 4;

/**
 * Once the API has pushed back, the limit grows by one only after this many full rounds of clean
 * answers (at a limit of 8; see probeAfter), twice as many after each further push-back above the
 * most that ever ran cleanly (up to MAX_PROBE_ROUNDS): probing above a provider's limit costs a
 * 429 each time.
 */
export const PROBE_ROUNDS = 8;

export const MAX_PROBE_ROUNDS = 32;

/**
 * With other processes on the key, every push-back puts the next probe this many rounds away (at
 * a limit of 8), whoever made it: each process probes about as often as the others, whatever its
 * part, and each probe of a full key costs one 429 (the fewer, the slower a freed part is found).
 */
export const SHARED_PROBE_ROUNDS = 12;

/**
 * A round of answers this many times slower on average than the fastest round means the API
 * queues requests instead of refusing them (a local Ollama or vLLM does): the limit stops growing.
 */
export const QUEUEING = 2;

/**
 * Below this the fastest round is taken as this: timer resolution and a few ms of n8n's own work
 * must not look like a queue when answers take next to nothing.
 */
export const MIN_ROUND_MS = 50;

/**
 * A key left unused this long starts over from a small limit: a run an hour later should not be
 * held to what a burst of 429s taught, nor be let loose at a limit it has not seen work today.
 */
export const FORGET_AFTER_IDLE_MS = 60_000;

/**
 * A key idle this long may come back to a different crowd: the part of the API's limit it held
 * may be others' now (other processes' runs), or free. TCP's restart after idle: slow start again
 * from a small limit up to the one it had, then probing.
 */
export const RESTART_AFTER_IDLE_MS = 1000;

export interface PolicyState {
	/** Infinite until the first request sets where it starts. */
	limit: number;
	slowStart: boolean;
	/** Slow start doubles up to here; beyond it the limit grows by one a round. */
	slowStartUntil: number;
	probeRounds: number;
	/** Whether the limit has held since it last grew: that probe went through. */
	heldSinceGrowth: boolean;
	cleanInRound: number;
	/** Clean answers after which the next probe comes: its rounds, spread at random. */
	probeAfter: number;
	/** The most requests that ran at once and were answered cleanly since the latest cut. */
	cleanMost: number;
	/** The most that ever ran at once and were answered cleanly. */
	cleanEver: number;
	/**
	 * Whether other processes were seen using the key since it was last forgotten: a push-back
	 * below what ran cleanly, one beside the first request before any answer, push-backs in a row.
	 */
	shared: boolean;
	/** Requests started up to this number ran before the latest cut: their 429s are answered. */
	cutAfter: number;
	/**
	 * How long a push-back takes to come back after its slot was granted (a moving mean; 0 until
	 * the first): a request beyond what ran cleanly that is not refused within it was let in.
	 */
	pushBackMs: number;
	/** The mean answer time of the fastest round so far, and the current round's answers. */
	fastestRoundMs: number;
	roundMs: number;
	roundAnswers: number;
}

export const initialPolicy = (): PolicyState => ({
	limit: Number.POSITIVE_INFINITY,
	slowStart: true,
	slowStartUntil: Number.POSITIVE_INFINITY,
	probeRounds: PROBE_ROUNDS,
	heldSinceGrowth: false,
	cleanInRound: 0,
	probeAfter: 0,
	cleanMost: 0,
	cleanEver: 0,
	shared: false,
	cutAfter: 0,
	pushBackMs: 0,
	fastestRoundMs: Number.POSITIVE_INFINITY,
	roundMs: 0,
	roundAnswers: 0,
});

/**
 * Clean answers before a probe at `limit`: `rounds` full rounds at a limit of PROBE_ROUNDS,
 * fewer at a lower one (one more is worth more to it, and a refused probe costs every limit the
 * same one 429), at least one; from half to one and a half of that, at random.
 */
export const probeAfter = (limit: number, rounds: number, random: number) =>
	Math.max(
		1,
		Math.round(limit * Math.max(1, rounds * Math.sqrt(limit / PROBE_ROUNDS)) * (0.5 + random)),
	);

/** Requests up to this many run at once without a wait: the most that ran cleanly, 4 at least. */
export const cleanLevel = (state: PolicyState) => Math.max(INITIAL_LIMIT, state.cleanMost);

/**
 * Requests beyond the most that ran cleanly are spread over this part of the fastest round, not
 * sent at once: a push-back comes back much faster than an answer, and the first one stops the
 * rest (a limit doubled past the API's, or past what other processes leave, costs one refusal,
 * not one per request it grew by).
 */
export const GROWTH_SPREAD = 1 / 8;

/** A push-back's time varies: the next growth request waits this many times the mean. */
export const PUSH_BACK_MARGIN = 1.5;

/**
 * The least time between two such requests, in ms: at least the time a push-back takes to come
 * back once one has (in a real n8n several times the API's own), so that the next goes only when
 * the last was let in, but never more than the fastest round (by then its answer tells); 0 while
 * neither is known.
 */
export function growthGapMs(state: PolicyState): number {
	const beyond = state.limit - cleanLevel(state);
	if (beyond <= 0) return 0;
	const round = state.fastestRoundMs;
	const spread = Number.isFinite(round) ? (round * GROWTH_SPREAD) / beyond : 0;
	return Math.max(spread, Math.min(PUSH_BACK_MARGIN * state.pushBackMs, round));
}
