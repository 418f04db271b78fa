/**
 * What a push-back (429, or 503 with Retry-After) does to one key's policy in this process: the
 * cut, and when push-backs come in a row with no answer between (crowded out by other processes),
 * the pauses and the single request that finds out when room opens again. Pure steps, as
 * policy.ts, and the run of push-backs they are counted in (PushBackRun).
 */
import { MAX_PROBE_ROUNDS, SHARED_PROBE_ROUNDS, probeAfter } from './policyState';
import type { PolicyState } from './policyState';

/**
 * A push-back below a level that ran cleanly before (others use the key too) keeps this share of
 * the limit: TCP CUBIC's 0.7, gentler than halving, since one refused probe of another process
 * is not a lasting loss of room.
 */
export const SHARED_CUT = 0.7;

/**
 * The API pushed back on the request that was start number `started`, with `activeAtStart`
 * running then (itself included), `pushBackMs` after its slot was granted; `starts` have been
 * made so far. The limit is cut once per push-back (the others sent with it are refused for the
 * same cause). Alone on the key as far as it knows, at or above the most that ran cleanly, the
 * process overshot the API's limit: cut to one less than ran beside the refused request, and
 * further probes come half as often. Below it, others use the key too, and from then on (until
 * the key is forgotten) every push-back cuts to SHARED_CUT of the limit and puts the next probe
 * SHARED_PROBE_ROUNDS away: TCP's additive increase and multiplicative decrease, under which
 * processes that share a link move towards equal parts. Down by one at least.
 */
export function onPushBack(
	state: PolicyState,
	push: { startNumber: number; activeAtStart: number; starts: number; pushBackMs: number },
	random: number,
): PolicyState {
	const pushBackMs = state.pushBackMs
		? state.pushBackMs + (push.pushBackMs - state.pushBackMs) / 4
		: push.pushBackMs;
	if (push.startNumber <= state.cutAfter) return { ...state, pushBackMs };
	// At the most that ran cleanly is no proof of others: a request the API has answered may still
	// count as open there for a moment. Refused beside the first request of a new key, before any
	// answer: others held it first (or the API allows fewer than INITIAL_LIMIT; then probing
	// gently is right too).
	const shared =
		state.shared ||
		push.activeAtStart < state.cleanMost ||
		(state.cleanEver === 0 && push.activeAtStart > 1);
	const cut = shared ? Math.floor(state.limit * SHARED_CUT) : push.activeAtStart - 1;
	const limit = Math.max(1, Math.min(cut, state.limit - 1));
	// Alone, each refused probe puts the next twice as far: one at a level that ran cleanly before
	// may mean others too, and a probe of a full key always costs a 429.
	const probeRounds = shared
		? SHARED_PROBE_ROUNDS
		: state.slowStart
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
		shared,
		pushBackMs,
		// The requests of the next round were sent into the same crowd: one cut answers them.
		cutAfter: push.starts + limit,
	};
}

/**
 * The pause after the second and later push-backs in a row, spread at random (half to one and a
 * half): the processes a crowded key refuses come back apart. Doubling it each time, as TCP backs
 * off, measured no better in the shared-key simulation (3 workers: 6.4 % refused and 1.17 x one
 * worker's time with it, 6.3 % and 1.16 x without), so it stays one length.
 */
export const CROWDED_PAUSE_MS = 100;

/**
 * How long the key pauses after its `inRow`th push-back with no clean answer between: the API's
 * Retry-After, and from the second one at least CROWDED_PAUSE_MS, spread at random.
 */
export function pushBackPauseMs(
	retryAfterMs: number | undefined,
	inRow: number,
	random: number,
): number {
	const asked = retryAfterMs ?? 0;
	if (inRow < 2) return asked;
	return Math.max(asked, Math.round(CROWDED_PAUSE_MS * (0.5 + random)));
}

/**
 * A clean answer after push-backs in a row: the crowd that refused this process has left room.
 * Crowded out, it shares the key (onCrowdedOut), so it finds its part again as a shared process
 * does: up to two at once, then probing, not doubling back into the others' parts.
 */
export function onRoomAgain(state: PolicyState): PolicyState {
	return {
		...state,
		slowStart: true,
		slowStartUntil: 2,
		probeRounds: SHARED_PROBE_ROUNDS,
		cleanInRound: 0,
	};
}

/**
 * Push-backs in a row with no clean answer between: this process is crowded out. As TCP after a
 * timeout, one request at a time goes to find out when room opens again.
 */
export function onCrowdedOut(state: PolicyState): PolicyState {
	return { ...state, limit: 1, slowStart: false, cleanInRound: 0, cleanMost: 0, shared: true };
}

/**
 * One key's push-backs in a row with no clean answer between, those of requests sent together
 * counted once: two or more mean other processes hold what the API allows (crowded out).
 */
export class PushBackRun {
	private inRow = 0;

	private lastAt = Number.NEGATIVE_INFINITY;

	get crowdedOut(): boolean {
		return this.inRow >= 2;
	}

	/** A push-back now on a request granted at `grantedAt`: how long the key pauses, in ms. */
	pushedBack(grantedAt: number, now: number, retryAfterMs: number | undefined, random: number) {
		if (grantedAt > this.lastAt) this.inRow++;
		this.lastAt = now;
		return pushBackPauseMs(retryAfterMs, this.inRow, random);
	}

	/** A clean answer ends the run; whether the key was crowded out until then. */
	answered(): boolean {
		const wasCrowdedOut = this.crowdedOut;
		this.inRow = 0;
		return wasCrowdedOut;
	}
}
