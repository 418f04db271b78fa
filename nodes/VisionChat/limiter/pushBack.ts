/**
 * What a push-back (429, or 503 with Retry-After) does to one key's policy in this process: the
 * cut, and when push-backs come in a row with no answer between (crowded out by other processes),
 * the pauses and the single request that finds out when room opens again. Pure steps, as
 * policy.ts.
 */
import { MAX_PROBE_ROUNDS, PROBE_ROUNDS, probeAfter } from './policyState';
import type { PolicyState } from './policyState';

/**
 * A push-back below a level that ran cleanly before (others use the key too) keeps this share of
 * the limit: TCP CUBIC's 0.7, gentler than halving, since one refused probe of another process
 * is not a lasting loss of room.
 */
export const SHARED_CUT = 0.7;

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
