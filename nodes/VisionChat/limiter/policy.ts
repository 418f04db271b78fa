/**
 * How many requests of one API key run at once, as pure steps: each takes the state and what
 * happened (times passed in), and gives the next state. No clock, no timers.
 *
 * The limit starts small and doubles after each full round of clean answers until the API first
 * pushes back (slow start), then grows by one every few rounds (probing); it stops growing while a
 * round's answers come much slower than the fastest round's (the API queues them). A push-back
 * cuts it at once to what ran beside the refused request. Rate-limit headers that show room for
 * more than the limit lift it there at once.
 */

/** Where an adaptive limit starts: few enough for a free tier or a local server. */
export const INITIAL_LIMIT = 4;

/**
 * Once the API has pushed back, the limit grows by one only after this many full rounds of clean
 * answers, twice as many after each further push-back (up to MAX_PROBE_ROUNDS): probing above a
 * provider's limit costs a 429 each time.
 */
export const PROBE_ROUNDS = 8;

export const MAX_PROBE_ROUNDS = 32;

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

export interface PolicyState {
	/** Infinite until the first request sets where it starts. */
	limit: number;
	slowStart: boolean;
	probeRounds: number;
	/** Whether the limit has held since it last grew: that probe went through. */
	heldSinceGrowth: boolean;
	cleanInRound: number;
	/** Requests started up to this number ran before the latest cut: their 429s are answered. */
	cutAfter: number;
	/** The mean answer time of the fastest round so far, and the current round's answers. */
	fastestRoundMs: number;
	roundMs: number;
	roundAnswers: number;
}

export const initialPolicy = (): PolicyState => ({
	limit: Number.POSITIVE_INFINITY,
	slowStart: true,
	probeRounds: PROBE_ROUNDS,
	heldSinceGrowth: false,
	cleanInRound: 0,
	cutAfter: 0,
	fastestRoundMs: Number.POSITIVE_INFINITY,
	roundMs: 0,
	roundAnswers: 0,
});

/** A request arrives: a key idle for long starts over, and a new limit starts small. */
export function onRequest(state: PolicyState, ceiling: number, idleMs: number): PolicyState {
	const fresh = idleMs > FORGET_AFTER_IDLE_MS ? initialPolicy() : state;
	if (fresh.limit !== Number.POSITIVE_INFINITY) return fresh;
	return { ...fresh, limit: Math.min(ceiling, INITIAL_LIMIT) };
}

/**
 * A clean answer after `answerMs`. A full round of them grows the limit (doubling in slow start,
 * by one after `probeRounds` rounds), unless the round came much slower than the fastest one.
 */
export function onAnswer(state: PolicyState, answerMs: number, ceiling: number): PolicyState {
	const next = {
		...state,
		cleanInRound: state.cleanInRound + 1,
		roundMs: state.roundMs + answerMs,
		roundAnswers: state.roundAnswers + 1,
	};
	if (next.cleanInRound < state.limit * (state.slowStart ? 1 : state.probeRounds)) return next;
	const meanMs = next.roundMs / next.roundAnswers;
	const fastestRoundMs = Math.min(state.fastestRoundMs, meanMs);
	const ended = { ...next, cleanInRound: 0, roundMs: 0, roundAnswers: 0, fastestRoundMs };
	if (meanMs > QUEUEING * Math.max(fastestRoundMs, MIN_ROUND_MS)) {
		return { ...ended, slowStart: false };
	}
	return {
		...ended,
		// The last probe went through: the next may come sooner again.
		probeRounds: state.heldSinceGrowth
			? Math.max(PROBE_ROUNDS, state.probeRounds / 2)
			: state.probeRounds,
		heldSinceGrowth: !state.slowStart,
		limit: Math.min(ceiling, state.slowStart ? state.limit * 2 : state.limit + 1),
	};
}

/**
 * The API pushed back on the request that was start number `started`, with `activeAtStart`
 * running then (itself included); `starts` have been made so far. The limit is cut once per
 * push-back (the others sent with it are refused for the same cause), to one less than ran beside
 * it, and down by one at least; further probes come half as often.
 */
export function onPushBack(
	state: PolicyState,
	push: { started: number; activeAtStart: number; starts: number },
): PolicyState {
	if (push.started <= state.cutAfter) return state;
	return {
		...state,
		limit: Math.max(1, Math.min(push.activeAtStart - 1, state.limit - 1)),
		probeRounds: state.slowStart
			? state.probeRounds
			: Math.min(MAX_PROBE_ROUNDS, state.probeRounds * 2),
		heldSinceGrowth: false,
		slowStart: false,
		cleanInRound: 0,
		cutAfter: push.starts,
	};
}

/**
 * The API's headers show room for `room` requests at once (what its rate allows over an answer's
 * time, and what is left of it): a limit below that goes there at once, up to the ceiling,
 * instead of doubling round by round. Slow start ends: beyond the room is the API's limit.
 */
export function onHeaderRoom(state: PolicyState, room: number, ceiling: number): PolicyState {
	if (!Number.isFinite(room) || !state.slowStart) return state;
	const lifted = Math.min(ceiling, Math.floor(room));
	if (!(lifted > state.limit)) return state;
	return { ...state, limit: lifted, slowStart: false, cleanInRound: 0 };
}
