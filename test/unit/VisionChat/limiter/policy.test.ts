/** The concurrency policy, step by step: no clock, no waits. */
import {
	FORGET_AFTER_IDLE_MS,
	INITIAL_LIMIT,
	PROBE_ROUNDS,
	initialPolicy,
	onAnswer,
	onHeaderRoom,
	onPushBack,
	onRequest,
} from '../../../../nodes/VisionChat/limiter/policy';
import type { PolicyState } from '../../../../nodes/VisionChat/limiter/policy';

const CEILING = 50;
const started = () => onRequest(initialPolicy(), CEILING, 0);

/** `count` clean answers of `answerMs` each. */
function answers(state: PolicyState, count: number, answerMs = 100, ceiling = CEILING) {
	for (let i = 0; i < count; i++) state = onAnswer(state, answerMs, ceiling);
	return state;
}

/** A push-back on a request that started as number `starts` with `activeAtStart` running. */
const pushBack = (state: PolicyState, activeAtStart: number, starts: number) =>
	onPushBack(state, { started: starts, activeAtStart, starts });

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

test('a push-back cuts once to one less than ran beside the refused request, at least by one', () => {
	let state = answers(started(), 4 + 8 + 16);
	expect(state.limit).toBe(32);
	state = pushBack(state, 10, 40);
	expect(state.limit).toBe(9);
	// The other refusals of requests sent before the cut are the same push-back.
	expect(onPushBack(state, { started: 39, activeAtStart: 3, starts: 41 })).toBe(state);
	// A later one cuts again, by one at least.
	expect(pushBack(state, 20, 50).limit).toBe(8);
	expect(pushBack(pushBack(state, 1, 50), 1, 51).limit).toBe(1);
});

test(`after a push-back it probes one higher every ${PROBE_ROUNDS} rounds, half as often after a refused probe, as often again once one held`, () => {
	let state = pushBack(answers(started(), 4 + 8), 9, 20);
	expect(state.limit).toBe(8);
	state = answers(state, 8 * 8 - 1);
	expect(state.limit).toBe(8);
	state = answers(state, 1);
	expect(state.limit).toBe(9);
	// That probe is refused: back to 8, the next one after 16 rounds.
	state = pushBack(state, 9, 100);
	expect([state.limit, state.probeRounds]).toEqual([8, 16]);
	state = answers(state, 16 * 8 - 1);
	expect(state.limit).toBe(8);
	state = answers(state, 1);
	expect(state.limit).toBe(9);
	// 9 held for its 16 rounds: the probe after it comes after 8 rounds again.
	state = answers(state, 16 * 9);
	expect([state.limit, state.probeRounds]).toEqual([10, 8]);
	state = answers(state, 8 * 10 - 1);
	expect(state.limit).toBe(10);
	state = answers(state, 1);
	expect(state.limit).toBe(11);
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

test('a key idle for more than a minute starts over; within the minute it keeps what it learned', () => {
	const learned = pushBack(answers(started(), 4), 2, 5);
	expect(learned.limit).toBe(1);
	expect(onRequest(learned, CEILING, FORGET_AFTER_IDLE_MS).limit).toBe(1);
	expect(onRequest(learned, CEILING, FORGET_AFTER_IDLE_MS + 1).limit).toBe(INITIAL_LIMIT);
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
