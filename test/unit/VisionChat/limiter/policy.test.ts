/** The concurrency policy, step by step: no clock, no waits. */
import { onAnswer, onHeaderRoom, onRequest } from '../../../../nodes/VisionChat/limiter/policy';
import {
	FORGET_AFTER_IDLE_MS,
	INITIAL_LIMIT,
	PROBE_ROUNDS,
	RESTART_AFTER_IDLE_MS,
	initialPolicy,
	probeAfter,
} from '../../../../nodes/VisionChat/limiter/policyState';
import type { PolicyState } from '../../../../nodes/VisionChat/limiter/policyState';
import {
	BACKOFF_MS,
	MAX_BACKOFF_MS,
	SHARED_CUT,
	onCrowdedOut,
	onPushBack,
	onRoomAgain,
	pushBackPauseMs,
} from '../../../../nodes/VisionChat/limiter/pushBack';

const CEILING = 50;
const started = () => onRequest(initialPolicy(), CEILING, 0);

/** The middle of the random draw: a probe comes after exactly its rounds. */
const EVEN = 0.5;

/** `count` clean answers of `answerMs` each, with the limit running. */
function answers(state: PolicyState, count: number, answerMs = 100, ceiling = CEILING) {
	for (let i = 0; i < count; i++) {
		state = onAnswer(state, { answerMs, activeAtStart: state.limit }, ceiling, EVEN);
	}
	return state;
}

/** A push-back on a request that started as number `starts` with `activeAtStart` running. */
const pushBack = (state: PolicyState, activeAtStart: number, starts: number) =>
	onPushBack(state, { started: starts, activeAtStart, starts }, EVEN);

test('a first request starts the limit at 4, or at a lower ceiling', () => {
	expect(started().limit).toBe(INITIAL_LIMIT);
	expect(onRequest(initialPolicy(), 2, 0).limit).toBe(2);
});

test('slow start: each full round of clean answers doubles the limit, up to the ceiling', () => {
	let state = started();
	const limits = [];
	for (let round = 0; round < 6; round++) {
		state = answers(state, state.limit - 1);
		limits.push(state.limit);
		state = answers(state, 1);
		limits.push(state.limit);
	}
	expect(limits).toEqual([4, 8, 8, 16, 16, 32, 32, 50, 50, 50, 50, 50]);
});

test('a push-back above what ran cleanly cuts once to one less than ran beside the refused request; the round sent after the cut is the same crowd', () => {
	let state = answers(started(), 4 + 8 + 16);
	expect([state.limit, state.cleanMost]).toEqual([32, 16]);
	state = pushBack(state, 20, 40);
	expect(state.limit).toBe(19);
	// The other refusals of requests sent before the cut are the same push-back, and so are those
	// of the round of requests sent after it.
	expect(onPushBack(state, { started: 39, activeAtStart: 3, starts: 41 }, EVEN)).toBe(state);
	expect(onPushBack(state, { started: 59, activeAtStart: 19, starts: 60 }, EVEN)).toBe(state);
	// A later one cuts again, by one at least.
	expect(pushBack(state, 25, 60).limit).toBe(18);
});

test(`a push-back below a level that ran cleanly (another process uses the key) keeps ${SHARED_CUT} of the limit and does not put off the probes; one at that level is the process's own`, () => {
	let state = answers(started(), 4 + 8 + 16);
	// At the 16 that ran cleanly: an answered request may still count as open at the API.
	expect(pushBack(state, 16, 40).limit).toBe(15);
	state = pushBack(state, 10, 40);
	expect([state.limit, state.probeRounds, state.slowStart]).toEqual([22, PROBE_ROUNDS, false]);
	state = pushBack(state, 5, 70);
	expect([state.limit, state.probeRounds]).toEqual([15, PROBE_ROUNDS]);
	// Down to one at the least.
	for (let starts = 100; starts < 400; starts += 50) state = pushBack(state, 1, starts);
	expect(state.limit).toBe(1);
});

test('probes come after half to one and a half times their rounds, at random', () => {
	const state = pushBack(answers(started(), 4 + 8), 9, 20);
	const after = (random: number) =>
		onPushBack(answers(started(), 4 + 8), { started: 20, activeAtStart: 9, starts: 20 }, random)
			.probeAfter;
	expect(state.probeAfter).toBe(8 * PROBE_ROUNDS);
	expect(after(0)).toBe(4 * PROBE_ROUNDS);
	expect(after(0.999)).toBe(Math.round(8 * PROBE_ROUNDS * 1.499));
});

test(`after a push-back it probes one higher every ${PROBE_ROUNDS} rounds, half as often after a refused probe beyond what ever ran cleanly, sooner after each that held`, () => {
	let state = pushBack(answers(started(), 4 + 8), 9, 20);
	expect([state.limit, state.cleanEver]).toEqual([8, 8]);
	state = answers(state, probeAfter(8, PROBE_ROUNDS, EVEN) - 1);
	expect(state.limit).toBe(8);
	state = answers(state, 1);
	expect(state.limit).toBe(9);
	// That probe is refused: back to 8, the next one after 16 rounds.
	state = pushBack(state, 9, 100);
	expect([state.limit, state.probeRounds]).toEqual([8, 16]);
	state = answers(state, probeAfter(8, 16, EVEN));
	expect(state.limit).toBe(9);
	// 9 held for its rounds: the next probes come after 8, then 4 rounds.
	state = answers(state, probeAfter(9, 16, EVEN));
	expect([state.limit, state.probeRounds]).toEqual([10, 8]);
	state = answers(state, probeAfter(10, 8, EVEN));
	expect([state.limit, state.probeRounds]).toEqual([11, 4]);
});

test('a lower limit probes after fewer rounds: one more is worth more to it, and costs the same one refusal', () => {
	expect(probeAfter(8, PROBE_ROUNDS, EVEN)).toBe(8 * PROBE_ROUNDS);
	expect(probeAfter(2, PROBE_ROUNDS, EVEN)).toBe(2 * PROBE_ROUNDS * 0.5);
	expect(probeAfter(32, PROBE_ROUNDS, EVEN)).toBe(32 * PROBE_ROUNDS * 2);
	expect(probeAfter(1, 1, EVEN)).toBe(1);
});

test('a probe that held below the most that ever ran cleanly: others have left room, slow start back to it', () => {
	let state = answers(started(), 4 + 8 + 16);
	expect(state.cleanEver).toBe(16);
	// Other processes take part of the key: 32, 22, 15, 10, 7, 4.
	for (const starts of [40, 70, 100, 130, 160]) state = pushBack(state, 3, starts);
	expect(state.limit).toBe(4);
	state = answers(state, probeAfter(4, PROBE_ROUNDS, EVEN));
	expect(state.limit).toBe(5);
	state = answers(state, probeAfter(5, PROBE_ROUNDS, EVEN));
	expect([state.limit, state.slowStart, state.slowStartUntil]).toEqual([10, true, 16]);
	// Back at what ran cleanly: probing from there.
	state = answers(state, 10);
	expect([state.limit, state.slowStart]).toEqual([16, false]);
});

test('crowded out (push-backs in a row): one request at a time, pauses twice as long each time, spread; a clean answer then starts slow start again', () => {
	const state = answers(started(), 4 + 8);
	const crowded = onCrowdedOut(state);
	expect([crowded.limit, crowded.slowStart]).toEqual([1, false]);
	expect(onRoomAgain(crowded)).toMatchObject({ limit: 1, slowStart: true });
	expect(pushBackPauseMs(50, 1, EVEN)).toBe(50);
	expect(pushBackPauseMs(undefined, 1, EVEN)).toBe(0);
	expect([2, 3, 4, 5, 6, 7].map((inRow) => pushBackPauseMs(50, inRow, EVEN))).toEqual([
		BACKOFF_MS,
		2 * BACKOFF_MS,
		4 * BACKOFF_MS,
		MAX_BACKOFF_MS,
		MAX_BACKOFF_MS,
		MAX_BACKOFF_MS,
	]);
	expect(pushBackPauseMs(50, 3, 0)).toBe(BACKOFF_MS);
	expect(pushBackPauseMs(5000, 3, 0)).toBe(5000);
});

test('a round twice as slow as the fastest stops the growth (a queueing server), but not below 50 ms', () => {
	let state = answers(started(), 4, 100);
	expect(state.limit).toBe(8);
	state = answers(state, 8, 250);
	expect([state.limit, state.slowStart]).toEqual([8, false]);
	// Answers in next to no time: a 60 ms round after a 1 ms one is no queue.
	const fast = answers(answers(started(), 4, 1), 8, 60);
	expect(fast.limit).toBe(16);
});

test('a key idle for more than a minute starts over; idle for more than a second it doubles back from 4 to what it had; within the second it keeps it', () => {
	const learned = pushBack(answers(started(), 4), 6, 5);
	expect(learned.limit).toBe(5);
	expect(onRequest(learned, CEILING, RESTART_AFTER_IDLE_MS)).toBe(learned);
	// Idle for a while: small again, doubling back to what it had.
	const restarted = onRequest(learned, CEILING, FORGET_AFTER_IDLE_MS);
	expect([restarted.limit, restarted.slowStart, restarted.slowStartUntil]).toEqual([4, true, 5]);
	expect(onRequest(learned, CEILING, FORGET_AFTER_IDLE_MS + 1)).toMatchObject({
		limit: INITIAL_LIMIT,
		slowStartUntil: Number.POSITIVE_INFINITY,
		cleanEver: 0,
	});
});

test('headers that show room for more go there at once, up to the ceiling; not after a push-back', () => {
	expect(onHeaderRoom(started(), 29_999, CEILING)).toMatchObject({ limit: 50, slowStart: false });
	expect(onHeaderRoom(started(), 10.7, CEILING).limit).toBe(10);
	// No room beyond the limit, or room unknown: nothing changes.
	expect(onHeaderRoom(started(), 3, CEILING).limit).toBe(4);
	expect(onHeaderRoom(started(), Number.POSITIVE_INFINITY, CEILING).limit).toBe(4);
	const pushedBack = pushBack(started(), 3, 3);
	expect(onHeaderRoom(pushedBack, 1000, CEILING)).toBe(pushedBack);
});
