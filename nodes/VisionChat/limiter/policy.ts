/**
 * How many requests of one API key run at once in this process, as pure steps: each takes the
 * state and what happened (times and a random draw passed in), and gives the next state. No
 * clock, no timers.
 *
 * The limit starts small and doubles after each full round of clean answers until the API first
 * pushes back (slow start), then grows by one every few rounds (probing); it stops growing while a
 * round's answers come much slower than the fastest round's (the API queues them). Rate-limit
 * headers that show room for more than the limit lift it there at once.
 *
 * Several processes (n8n's queue-mode workers) may share the key, each with its own limit, and
 * know of each other only through the API's push-backs. The rules are TCP's for many senders on
 * one link: a push-back on more requests than ever ran cleanly is this process's own overshoot,
 * and cuts it to what ran beside the refused request; one below a level that ran cleanly before
 * means others take part of the API's limit, and cuts it by a share (multiplicative decrease,
 * which moves every process towards an equal part). Probes come after a random number of rounds,
 * so processes do not probe together, sooner at a lower limit; a probe that held brings the next
 * one sooner, and below the most that ever ran cleanly the limit doubles back to it (others have
 * gone: their part is free). Push-backs in a row with no answer between (crowded out): one
 * request at a time, as TCP after a timeout, until one is answered.
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
 * A push-back below a level that ran cleanly before (others use the key too) keeps this share of
 * the limit: TCP CUBIC's 0.7, gentler than halving, since one refused probe of another process
 * is not a lasting loss of room.
 */
export const SHARED_CUT = 0.7;

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
	slowStartUntil: Number.POSITIVE_INFINITY,
	probeRounds: PROBE_ROUNDS,
	heldSinceGrowth: false,
	cleanInRound: 0,
	probeAfter: 0,
	cleanMost: 0,
	cleanEver: 0,
	cutAfter: 0,
	fastestRoundMs: Number.POSITIVE_INFINITY,
	roundMs: 0,
	roundAnswers: 0,
});

/**
 * A key idle this long may come back to a different crowd: the part of the API's limit it held
 * may be others' now (other processes' runs), or free. TCP's restart after idle: slow start again
 * from a small limit up to the one it had, then probing.
 */
export const RESTART_AFTER_IDLE_MS = 1000;

/**
 * A request arrives: a key idle for long starts over; one idle for a while starts small and
 * doubles back to its limit; a new limit starts small.
 */
export function onRequest(state: PolicyState, ceiling: number, idleMs: number): PolicyState {
	if (idleMs > FORGET_AFTER_IDLE_MS || state.limit === Number.POSITIVE_INFINITY) {
		return { ...initialPolicy(), limit: Math.min(ceiling, INITIAL_LIMIT) };
	}
	if (idleMs <= RESTART_AFTER_IDLE_MS || state.limit <= INITIAL_LIMIT) return state;
	return {
		...state,
		limit: INITIAL_LIMIT,
		slowStart: true,
		slowStartUntil: state.limit,
		cleanInRound: 0,
		cleanMost: 0,
		roundMs: 0,
		roundAnswers: 0,
	};
}

/**
 * Clean answers before a probe at `limit`: `rounds` full rounds at a limit of PROBE_ROUNDS,
 * fewer at a lower one (one more is worth more to it, and a refused probe costs every limit the
 * same one 429), at least one; from half to one and a half of that, at random.
 */
export const probeAfter = (limit: number, rounds: number, random: number) =>
	Math.max(1, Math.round(limit * Math.max(1, rounds * Math.sqrt(limit / PROBE_ROUNDS)) * (0.5 + random)));

/**
 * A clean answer after `answerMs`, with `activeAtStart` running when it started. A full round of
 * them grows the limit (doubling in slow start, by one at a probe), unless the round came much
 * slower than the fastest one. `random` (0 to 1) spreads the next probe.
 */
export function onAnswer(
	state: PolicyState,
	answer: { answerMs: number; activeAtStart: number },
	ceiling: number,
	random: number,
): PolicyState {
	const next = {
		...state,
		cleanInRound: state.cleanInRound + 1,
		roundMs: state.roundMs + answer.answerMs,
		roundAnswers: state.roundAnswers + 1,
		cleanMost: Math.max(state.cleanMost, answer.activeAtStart),
		cleanEver: Math.max(state.cleanEver, answer.activeAtStart),
	};
	if (next.cleanInRound < (state.slowStart ? state.limit : state.probeAfter)) return next;
	const meanMs = next.roundMs / next.roundAnswers;
	const fastestRoundMs = Math.min(state.fastestRoundMs, meanMs);
	const ended = { ...next, cleanInRound: 0, roundMs: 0, roundAnswers: 0, fastestRoundMs };
	if (meanMs > QUEUEING * Math.max(fastestRoundMs, MIN_ROUND_MS)) {
		return {
			...ended,
			slowStart: false,
			probeAfter: probeAfter(state.limit, state.probeRounds, random),
		};
	}
	if (state.slowStart) {
		const doubled = Math.min(ceiling, state.limit * 2);
		if (doubled <= state.slowStartUntil) return { ...ended, limit: doubled };
		// Beyond what ran cleanly before: one more a round from there.
		const limit = Math.min(ceiling, Math.max(state.limit + 1, state.slowStartUntil));
		return {
			...ended,
			limit,
			slowStart: false,
			probeRounds: PROBE_ROUNDS,
			probeAfter: probeAfter(limit, PROBE_ROUNDS, random),
		};
	}
	// The last probe went through: the next comes sooner, down to one a round; below what ran
	// cleanly before, others have left room: slow start back to it.
	const held = state.heldSinceGrowth;
	if (held && state.limit * 2 <= state.cleanEver) {
		return { ...ended, slowStart: true, slowStartUntil: state.cleanEver, limit: state.limit * 2 };
	}
	const probeRounds = held ? Math.max(1, state.probeRounds / 2) : state.probeRounds;
	const limit = Math.min(ceiling, state.limit + 1);
	return {
		...ended,
		probeRounds,
		heldSinceGrowth: true,
		limit,
		probeAfter: probeAfter(limit, probeRounds, random),
	};
}

/**
 * The API pushed back on the request that was start number `started`, with `activeAtStart`
 * running then (itself included); `starts` have been made so far. The limit is cut once per
 * push-back (the others sent with it are refused for the same cause): at or above the most that
 * ran cleanly, to one less than ran beside it; below it (others use the key), to SHARED_CUT of
 * the limit; down by one at least. Further probes come half as often.
 */
export function onPushBack(
	state: PolicyState,
	push: { started: number; activeAtStart: number; starts: number },
	random: number,
): PolicyState {
	if (push.started <= state.cutAfter) return state;
	// At the most that ran cleanly is no proof of others: a request the API has answered may still
	// count as open there for a moment.
	const shared = push.activeAtStart < state.cleanMost;
	const cut = shared ? Math.floor(state.limit * SHARED_CUT) : push.activeAtStart - 1;
	const limit = Math.max(1, Math.min(cut, state.limit - 1));
	// A refused probe beyond the most that ever ran cleanly (the API's own limit) waits longer;
	// room others took is no reason to, they may leave it again.
	const probeRounds =
		state.slowStart || shared || state.limit <= state.cleanEver
			? state.probeRounds
			: Math.min(MAX_PROBE_ROUNDS, state.probeRounds * 2);
	return {
		...state,
		limit,
		probeRounds,
		probeAfter: probeAfter(limit, probeRounds, random),
		heldSinceGrowth: false,
		slowStart: false,
		cleanInRound: 0,
		cleanMost: Math.min(state.cleanMost, limit),
		// The requests of the next round were sent into the same crowd: one cut answers them.
		cutAfter: push.starts + limit,
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
	return {
		...state,
		limit: lifted,
		slowStart: false,
		cleanInRound: 0,
		probeAfter: lifted * state.probeRounds,
	};
}

/** The first pause for push-backs in a row, and the longest. */
export const BACKOFF_MS = 100;

export const MAX_BACKOFF_MS = 800;

/**
 * How long the key pauses after its `inRow`th push-back with no clean answer between: the API's
 * Retry-After for the first; from the second, as TCP backs off when its retries go unanswered,
 * twice as long each time, spread at random (half to one and a half), so that the processes a
 * crowded key refuses come back apart, and few times, while the ones inside finish.
 */
export function pushBackPauseMs(
	retryAfterMs: number | undefined,
	inRow: number,
	random: number,
): number {
	const asked = retryAfterMs ?? 0;
	if (inRow < 2) return asked;
	const backoff = Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (inRow - 2)) * (0.5 + random);
	return Math.max(asked, Math.round(backoff));
}

/**
 * A clean answer after push-backs in a row: the crowd that refused this process has gone, or
 * left room. Slow start again from the limit it has: others that still hold their part refuse
 * the doubling, and it is cut to what runs beside it.
 */
export function onRoomAgain(state: PolicyState): PolicyState {
	return {
		...state,
		slowStart: true,
		slowStartUntil: Math.max(2, state.cleanEver),
		probeRounds: PROBE_ROUNDS,
		cleanInRound: 0,
	};
}

/**
 * Push-backs in a row with no clean answer between: this process is crowded out. As TCP after a
 * timeout, one request at a time goes to find out when room opens again.
 */
export function onCrowdedOut(state: PolicyState): PolicyState {
	return { ...state, limit: 1, slowStart: false, cleanInRound: 0, cleanMost: 0 };
}

/**
 * Requests beyond the most that ran cleanly are spread over this part of the fastest round, not
 * sent at once: a push-back comes back much faster than an answer, and the first one stops the
 * rest (a limit doubled past the API's, or past what other processes leave, costs one refusal,
 * not one per request it grew by).
 */
export const GROWTH_SPREAD = 1 / 8;

/** The least time between two such requests, in ms: 0 while the answer time is unknown. */
export function growthGapMs(state: PolicyState): number {
	const beyond = state.limit - Math.max(INITIAL_LIMIT, state.cleanMost);
	if (beyond <= 0 || !Number.isFinite(state.fastestRoundMs)) return 0;
	return (state.fastestRoundMs * GROWTH_SPREAD) / beyond;
}
