/** The concurrency policy, step by step: no clock, no waits. */
import { onAnswer, onHeaderRoom, onRequest } from '../../../../nodes/VisionChat/limiter/policy';
import {
	PROBE_ROUNDS,
	PUSH_BACK_MARGIN,
	SHARED_PROBE_ROUNDS,
	growthGapMs,
	initialPolicy,
	probeAfter,
} from '../../../../nodes/VisionChat/limiter/policyState';
import type { PolicyState } from '../../../../nodes/VisionChat/limiter/policyState';
import {
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
function answers(state: PolicyState, count: number, answerMs = 100, maxConcurrent = CEILING) {
	for (let i = 0; i < count; i++) {
		state = onAnswer(state, { answerMs, activeAtStart: state.limit }, maxConcurrent, EVEN);
	}
	return state;
}

/** How long a push-back takes to come back in these tests, in ms. */
const PUSH_BACK_MS = 20;

/** A push-back on a request that started as number `starts` with `activeAtStart` running. */
const pushBack = (state: PolicyState, activeAtStart: number, starts: number) =>
	onPushBack(state, { startNumber: starts, activeAtStart, starts, pushBackMs: PUSH_BACK_MS }, EVEN);

/** A push-back on a request sent before the latest cut, or with the round after it. */
const sameCrowd = (state: PolicyState, push: { startNumber: number; activeAtStart: number }) =>
	onPushBack(state, { ...push, starts: push.startNumber + 1, pushBackMs: PUSH_BACK_MS }, EVEN);

test('a first request starts the limit at 4, or at a lower maxConcurrent', () => {
	expect(started().limit).toBe(4);
	expect(onRequest(initialPolicy(), 2, 0).limit).toBe(2);
});

test('slow start: each full round of clean answers doubles the limit, up to the Max Concurrent Requests', () => {
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
	expect(sameCrowd(state, { startNumber: 39, activeAtStart: 3 })).toEqual(state);
	expect(sameCrowd(state, { startNumber: 59, activeAtStart: 19 })).toEqual(state);
	// A later one cuts again, by one at least.
	expect(pushBack(state, 25, 60).limit).toBe(18);
});

test(`a push-back below a level that ran cleanly means another process uses the key: from then on every push-back keeps ${SHARED_CUT} of the limit and puts the next probe ${SHARED_PROBE_ROUNDS} rounds away; one at that level is the process's own`, () => {
	let state = answers(started(), 4 + 8 + 16);
	// At the 16 that ran cleanly: an answered request may still count as open at the API.
	expect(pushBack(state, 16, 40)).toMatchObject({ limit: 15, shared: false });
	state = pushBack(state, 10, 40);
	expect(state).toMatchObject({ limit: 22, probeRounds: 12, shared: true });
	// 22 x 12 rounds, more at a limit above 8: 22 x 12 x sqrt(22 / 8).
	expect(state.probeAfter).toBe(438);
	// Above what ran cleanly, as its own overshoot would be: still a share of the limit.
	state = pushBack(state, 23, 70);
	expect([state.limit, state.probeRounds]).toEqual([15, 12]);
	// Down to one at the least.
	for (let starts = 100; starts < 400; starts += 50) state = pushBack(state, 1, starts);
	expect(state.limit).toBe(1);
});

test('probes come after half to one and a half times their rounds, at random', () => {
	const state = pushBack(answers(started(), 4 + 8), 9, 20);
	const after = (random: number) =>
		onPushBack(
			answers(started(), 4 + 8),
			{ startNumber: 20, activeAtStart: 9, starts: 20, pushBackMs: PUSH_BACK_MS },
			random,
		).probeAfter;
	expect(state.probeAfter).toBe(64);
	expect(after(0)).toBe(32);
	expect(after(0.999)).toBe(96);
});

test(`after a push-back it probes one higher every ${PROBE_ROUNDS} rounds, half as often after each refused probe, sooner after each that held`, () => {
	let state = pushBack(answers(started(), 4 + 8), 9, 20);
	expect([state.limit, state.cleanEver]).toEqual([8, 8]);
	state = answers(state, 63);
	expect(state.limit).toBe(8);
	state = answers(state, 1);
	expect(state.limit).toBe(9);
	// That probe is refused: back to 8, the next one after 16 rounds.
	state = pushBack(state, 9, 100);
	expect([state.limit, state.probeRounds]).toEqual([8, 16]);
	state = answers(state, 128);
	expect(state.limit).toBe(9);
	// 9 held for its rounds: the next probes come after 8, then 4 rounds.
	state = answers(state, 153);
	expect([state.limit, state.probeRounds]).toEqual([10, 8]);
	state = answers(state, 89);
	expect([state.limit, state.probeRounds]).toEqual([11, 4]);
});

test('refused probes put the next ones twice as far each time, up to 32 rounds and no further', () => {
	let state = pushBack(answers(started(), 4 + 8), 9, 20);
	expect(state.probeRounds).toBe(8);
	const rounds = [100, 200, 300, 400].map((starts) => {
		state = pushBack(state, 9, starts);
		return state.probeRounds;
	});
	expect(rounds).toEqual([16, 32, 32, 32]);
});

test('a lower limit probes after fewer rounds: one more is worth more to it, and costs the same one refusal', () => {
	// 8 rounds of 8; 2 x 8 x sqrt(2 / 8); 32 x 8 x sqrt(32 / 8).
	expect(probeAfter(8, 8, EVEN)).toBe(64);
	expect(probeAfter(2, 8, EVEN)).toBe(8);
	expect(probeAfter(32, 8, EVEN)).toBe(512);
	expect(probeAfter(1, 1, EVEN)).toBe(1);
});

test('alone on the key, a probe that held below the most that ever ran cleanly: the API has room again, slow start back to it', () => {
	let state = answers(started(), 4 + 8 + 16);
	expect(state.cleanEver).toBe(16);
	// Back after a pause, doubling from 4, the API refuses the sixth: its limit is lower for a while.
	state = answers(onRequest(state, CEILING, 1001), 4);
	expect(state.limit).toBe(8);
	state = pushBack(state, 6, 100);
	expect(state).toMatchObject({ limit: 5, shared: false });
	state = answers(state, 32);
	expect(state.limit).toBe(6);
	state = answers(state, 42);
	expect([state.limit, state.slowStart, state.slowStartUntil]).toEqual([12, true, 16]);
	// Back at what ran cleanly: probing from there.
	state = answers(state, 12);
	expect([state.limit, state.slowStart]).toEqual([16, false]);
});

test('sharing the key, a probe that held shows room for one more, no more: doubling back would take the others’ parts', () => {
	let state = answers(started(), 4 + 8 + 16);
	// Other processes take part of the key: 32, 22, 15, 10, 7, 4.
	for (const starts of [40, 70, 100, 130, 160]) state = pushBack(state, 3, starts);
	expect([state.limit, state.shared]).toEqual([4, true]);
	state = answers(state, 34);
	expect(state.limit).toBe(5);
	state = answers(state, 47);
	expect([state.limit, state.slowStart, state.probeRounds]).toEqual([6, false, 6]);
});

test(`requests beyond what ran cleanly go ${PUSH_BACK_MARGIN} times a push-back's time apart once one came back (a round at most), an eighth of the fastest round spread over them before`, () => {
	// Slow start at 8 after a round of 100 ms answers: four beyond the first four.
	const doubled = answers(started(), 4);
	expect(doubled.limit).toBe(8);
	expect(growthGapMs(doubled)).toBe(100 / 8 / 4);
	// A push-back came back after 20 ms, another after 60: their moving mean is 30.
	let pushed = pushBack(doubled, 5, 8);
	expect(pushed.pushBackMs).toBe(PUSH_BACK_MS);
	pushed = onPushBack(
		pushed,
		{ startNumber: 8, activeAtStart: 5, starts: 9, pushBackMs: 60 },
		EVEN,
	);
	expect(pushed.pushBackMs).toBe(30);
	expect(growthGapMs({ ...doubled, pushBackMs: 30 })).toBe(45);
	// A push-back slower than the answers (a gateway that takes its time to refuse): one round.
	expect(growthGapMs({ ...doubled, pushBackMs: 1000 })).toBe(100);
	// Within what ran cleanly, no wait.
	expect(growthGapMs({ ...doubled, cleanMost: 8, pushBackMs: 30 })).toBe(0);
});

test('crowded out (push-backs in a row): one request at a time, pauses a little, spread at random; a clean answer then goes to two and probes on as a shared process', () => {
	const state = answers(started(), 4 + 8);
	const crowded = onCrowdedOut(state);
	expect([crowded.limit, crowded.slowStart]).toEqual([1, false]);
	expect(onRoomAgain(crowded)).toMatchObject({ limit: 1, slowStart: true });
	// Shared now: up to two, then probing at the shared rounds, not doubling back to the 8 it ran.
	expect(onRoomAgain(crowded)).toMatchObject({
		slowStartUntil: 2,
		probeRounds: 12,
	});
	expect(pushBackPauseMs(50, 1, EVEN)).toBe(50);
	expect(pushBackPauseMs(undefined, 1, EVEN)).toBe(0);
	expect([2, 3, 7].map((inRow) => pushBackPauseMs(50, inRow, EVEN))).toEqual([100, 100, 100]);
	expect(pushBackPauseMs(50, 3, 0.999)).toBe(150);
	expect(pushBackPauseMs(20, 3, 0)).toBe(50);
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

test('a key idle for more than a minute starts over; idle for more than a second it doubles back from 4 to what it had (shared with others, it probes back); within the second it keeps it', () => {
	const learned = pushBack(answers(started(), 4), 6, 5);
	expect(learned.limit).toBe(5);
	expect(onRequest(learned, CEILING, 1000)).toBe(learned);
	// Idle for a while: small again, doubling back to what it had.
	const restarted = onRequest(learned, CEILING, 1001);
	// Up to a minute it remembers what it learned (cleanEver), after a minute it forgets it.
	expect(onRequest(learned, CEILING, 60_000)).toMatchObject({ limit: 4, slowStartUntil: 5 });
	expect(onRequest(learned, CEILING, 60_000).cleanEver).toBeGreaterThan(0);
	expect([restarted.limit, restarted.slowStart, restarted.slowStartUntil]).toEqual([4, true, 5]);
	const shared = onRequest({ ...learned, shared: true }, CEILING, 1001);
	expect([shared.limit, shared.slowStart]).toEqual([4, false]);
	expect(onRequest(learned, CEILING, 60_001)).toMatchObject({
		limit: 4,
		slowStartUntil: Number.POSITIVE_INFINITY,
		cleanEver: 0,
	});
});

test('headers that show room for more go there at once, up to the Max Concurrent Requests; not after a push-back', () => {
	expect(onHeaderRoom(started(), 29_999, CEILING)).toMatchObject({ limit: 50, slowStart: false });
	expect(onHeaderRoom(started(), 10.7, CEILING).limit).toBe(10);
	// No room beyond the limit, or room unknown: nothing changes.
	expect(onHeaderRoom(started(), 3, CEILING).limit).toBe(4);
	expect(onHeaderRoom(started(), Number.POSITIVE_INFINITY, CEILING).limit).toBe(4);
	const pushedBack = pushBack(started(), 3, 3);
	expect(onHeaderRoom(pushedBack, 1000, CEILING)).toBe(pushedBack);
});
