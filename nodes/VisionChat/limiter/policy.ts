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
 * know of each other only through the API's push-backs. Alone as far as it knows, a push-back on
 * more requests than ran cleanly is this process's own overshoot, and cuts it to what ran beside
 * the refused request; below the most that ever ran cleanly, a probe that held doubles back to it.
 * Once it has seen others (pushBack.ts: a push-back below what ran cleanly, one beside its first
 * request, push-backs in a row), the rules are TCP's for many senders on one link: every
 * push-back cuts the limit by a share (multiplicative decrease, which moves every process towards
 * an equal part), every probe adds one, and all probe about equally often. Probes come after a
 * random number of rounds, so processes do not probe together, sooner at a lower limit and after
 * each that held. Push-backs in a row with no answer between (crowded out): one request at a
 * time, as TCP after a timeout, until one is answered.
 */

import {
	FORGET_AFTER_IDLE_MS,
	INITIAL_LIMIT,
	MIN_ROUND_MS,
	PROBE_ROUNDS,
	QUEUEING,
	RESTART_AFTER_IDLE_MS,
	initialPolicy,
	probeAfter,
} from './policyState';
import type { PolicyState } from './policyState';

/**
 * A request arrives: a key idle for long starts over; one idle for a while starts small and
 * doubles back to its limit; a new limit starts small.
 */
export function onRequest(state: PolicyState, maxConcurrent: number, idleMs: number): PolicyState {
	if (idleMs > FORGET_AFTER_IDLE_MS || state.limit === Number.POSITIVE_INFINITY) {
		return { ...initialPolicy(), limit: Math.min(maxConcurrent, INITIAL_LIMIT) };
	}
	if (idleMs <= RESTART_AFTER_IDLE_MS || state.limit <= INITIAL_LIMIT) return state;
	return {
		...state,
		limit: INITIAL_LIMIT,
		// Shared with other processes, it finds its part again by probing: each doubling back at once
		// would take the others' parts.
		slowStart: !state.shared,
		slowStartUntil: state.limit,
		cleanInRound: 0,
		cleanMost: 0,
		roundMs: 0,
		roundAnswers: 0,
	};
}

/**
 * A clean answer after `answerMs`, with `activeAtStart` running when it started. A full round of
 * them grows the limit (doubling in slow start, by one at a probe), unless the round came much
 * slower than the fastest one. `random` (0 to 1) spreads the next probe.
 */
export function onAnswer(
	state: PolicyState,
	answer: { answerMs: number; activeAtStart: number },
	maxConcurrent: number,
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
		const doubled = Math.min(maxConcurrent, state.limit * 2);
		if (doubled <= state.slowStartUntil) return { ...ended, limit: doubled };
		// Beyond what ran cleanly before: one more a round from there.
		const limit = Math.min(maxConcurrent, Math.max(state.limit + 1, state.slowStartUntil));
		return {
			...ended,
			limit,
			slowStart: false,
			probeRounds: PROBE_ROUNDS,
			probeAfter: probeAfter(limit, PROBE_ROUNDS, random),
		};
	}
	// The last probe went through: the next comes sooner, down to one a round; below what ran
	// cleanly before, alone on the key, others have left room: slow start back to it. Shared, a probe
	// that held shows room for one more, no more.
	const held = state.heldSinceGrowth;
	if (held && !state.shared && state.limit * 2 <= state.cleanEver) {
		return { ...ended, slowStart: true, slowStartUntil: state.cleanEver, limit: state.limit * 2 };
	}
	const probeRounds = held ? Math.max(1, state.probeRounds / 2) : state.probeRounds;
	const limit = Math.min(maxConcurrent, state.limit + 1);
	return {
		...ended,
		probeRounds,
		heldSinceGrowth: true,
		limit,
		probeAfter: probeAfter(limit, probeRounds, random),
	};
}

/**
 * The API's headers show room for `room` requests at once (what its rate allows over an answer's
 * time, and what is left of it): a limit below that goes there at once, up to the Max Concurrent Requests,
 * instead of doubling round by round. Slow start ends: beyond the room is the API's limit.
 */
export function onHeaderRoom(state: PolicyState, room: number, maxConcurrent: number): PolicyState {
	if (!Number.isFinite(room) || !state.slowStart) return state;
	const lifted = Math.min(maxConcurrent, Math.floor(room));
	if (!(lifted > state.limit)) return state;
	return {
		...state,
		limit: lifted,
		slowStart: false,
		cleanInRound: 0,
		probeAfter: lifted * state.probeRounds,
	};
}
