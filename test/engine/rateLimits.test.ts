/**
 * Real rate limits: one limiter per API key in the process, shared by every execution, finds a
 * provider's concurrency limit instead of hitting it, keeps to the rate its headers state, pauses
 * on Retry-After, and lets a stopped execution's waiting items go.
 */
import { answerText, completionFor, userParts } from '../server/openAiServer';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { jpegOfSize } from '../support/images';
import { until } from '../support/until';
import { runVisionChat, useTestServer } from './harness';

const server = useTestServer();
afterEach(() => expect(server.invalidReplies).toEqual([]));

const items = (count: number, prefix = 'item') =>
	Array.from({ length: count }, (_, index) => ({ json: { prompt: `${prefix} ${index}` } }));
const parameters = (options: Record<string, unknown> = {}) =>
	visionParameters({ prompt: '={{ $json.prompt }}', binaryImages: 'none', options });
const share = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
// A limiter lives as long as the process and keeps what it learned; each test gets its own by
// writing the Base URL its own way (the key is the API key and the Base URL as typed).
let tests = 0;
const ownLimiter = () => credentialsFor(server, `/v1${'/'.repeat(++tests)}`);

test('a provider that allows 4 requests at once: 100 items all answered, few 429s, the limit found', async () => {
	server.concurrencyLimit = 4;
	server.latencyMs = 40;
	const result = await runVisionChat({
		items: items(100),
		parameters: parameters(),
		credentials: ownLimiter(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.content)).toEqual(
		items(100).map(({ json }) => `Choice 0: saw 0 image(s) for "${json.prompt}"`),
	);
	const requests = server.completions.length;
	console.log(
		`[rate limits] K=4, 100 items: ${requests} requests, ${server.rateLimited} answered 429 (${share(server.rateLimited, requests)} %)`,
	);
	expect(share(server.rateLimited, requests)).toBeLessThanOrEqual(10);
	// Found, not hit: after the first requests, the node keeps about 4 open, not its Max Concurrent Requests of 10.
	const settled = server.completions.slice(30).map((request) => request.openAtArrival!);
	console.log(`[rate limits] open at arrival after the first 30: at most ${Math.max(...settled)}`);
	expect(Math.max(...settled)).toBeLessThanOrEqual(6);
});

test('a refused item gives its slot back while it waits to try again: 30 slow answers against 6 at once, all answered', async () => {
	server.concurrencyLimit = 6;
	// Slower answers than the retry waits: an item that kept its slot would be refused again on
	// every try while the others still run, and fail after Max Retries.
	server.latencyMs = 300;
	const result = await runVisionChat({
		items: items(30),
		parameters: parameters(),
		credentials: ownLimiter(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(30);
	expect(server.completions.filter((request) => request.reply === 'ok')).toHaveLength(30);
});

test('a local server that queues instead of refusing: the limit stops growing once answers slow down', async () => {
	// Two at a time, 40 ms each; the others wait in its queue and nothing is refused.
	server.parallel = 2;
	server.latencyMs = 40;
	const result = await runVisionChat({
		items: items(120),
		parameters: parameters({ maxConcurrency: 50 }),
		credentials: ownLimiter(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(120);
	const open = server.completions.map((request) => request.openAtArrival!);
	console.log(`[rate limits] a queueing server: at most ${Math.max(...open)} open at once`);
	// 4 at first (already queued: the fastest round), 8, then 16 at most: never the Max Concurrent Requests of 50.
	expect(Math.max(...open)).toBeLessThanOrEqual(16);
});

test('twenty executions of ten items at once share one limit per key: never more than the Max Concurrent Requests in flight', async () => {
	server.latencyMs = 30;
	const shared = ownLimiter();
	const runs = await Promise.all(
		Array.from({ length: 20 }, (_, run) =>
			runVisionChat({
				items: items(10, `run ${run} item`),
				parameters: parameters({ maxConcurrency: 8 }),
				credentials: shared,
			}),
		),
	);
	expect(runs.every((run) => run.error === undefined && run.items.length === 10)).toBe(true);
	expect(server.completions).toHaveLength(200);
	expect(server.maxInFlight).toBeLessThanOrEqual(8);
	expect(server.maxInFlight).toBeGreaterThanOrEqual(4);
});

test('a Retry-After pauses the whole key: no request starts until it has passed', async () => {
	server.latencyMs = 20;
	let refusedAt = 0;
	server.script = (request) => {
		if (userParts(request.body)[0].text !== 'item 0' || refusedAt) return undefined;
		refusedAt = Date.now();
		return {
			kind: 'json',
			status: 429,
			body: { error: { message: 'Slow down', type: 'requests', param: null, code: null } },
			headers: { 'retry-after-ms': '400' },
		};
	};
	const result = await runVisionChat({
		items: items(12),
		parameters: parameters({ adaptiveConcurrency: false, maxConcurrency: 2 }),
		credentials: ownLimiter(),
	});
	expect(result.error).toBeUndefined();
	const startedDuringPause = server.completions.filter(
		(request) => request.receivedAt > refusedAt + 30 && request.receivedAt < refusedAt + 380,
	);
	expect(startedDuringPause).toEqual([]);
});

test('Stop: a cancelled execution sends nothing more; its waiting items leave the line', async () => {
	server.latencyMs = 100;
	let cancel = () => {};
	const running = runVisionChat({
		items: items(30),
		parameters: parameters({ adaptiveConcurrency: false, maxConcurrency: 3 }),
		credentials: ownLimiter(),
		onStarted: (stop) => (cancel = stop),
	});
	await until('the first three requests', () => server.completions.length >= 3, 30_000);
	cancel();
	const sentAtCancel = server.completions.length;
	await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 1500))]);
	await new Promise((resolve) => setTimeout(resolve, 500));
	expect(server.completions.length).toBe(sentAtCancel);
});

test('the image memory budget: with 0.05 MB and 20 KB images, at most two requests hold images at once', async () => {
	server.latencyMs = 30;
	const photo = (index: number) => ({
		json: { prompt: `photo ${index}` },
		binary: { data: { data: jpegOfSize(20_000, index), mimeType: 'image/jpeg' } },
	});
	const result = await runVisionChat({
		items: Array.from({ length: 12 }, (_, index) => photo(index)),
		parameters: visionParameters({
			prompt: '={{ $json.prompt }}',
			options: { adaptiveConcurrency: false, maxConcurrency: 10, imageMemoryMb: 0.05 },
		}),
		credentials: ownLimiter(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(12);
	expect(server.maxInFlight).toBe(2);
});

test.each([true, false])(
	'an API that states 30,000 requests a minute in its headers (%s): at the default, automatic Max Concurrent Requests, the second round follows them at once, up to 200 at once (else it doubles, and at most 50)',
	async (statesLimits) => {
		// The server answers only when the test says: the rounds are counted, not timed.
		server.holdAnswers = true;
		if (statesLimits) server.limitRate(500, 30_000);
		const running = runVisionChat({
			items: items(250),
			parameters: parameters(),
			credentials: ownLimiter(),
		});
		await until('the first round', () => server.heldCount === 4, 30_000);
		// A limit that knows nothing starts with 4; their answers are the first to state limits.
		expect(server.completions).toHaveLength(4);
		server.releaseHeld(4);
		const secondRound = statesLimits ? 200 : 8;
		await until(`a second round of ${secondRound}`, () => server.heldCount === secondRound, 30_000);
		// Nothing beyond it comes (a loaded machine can only make a wrong extra one late, never
		// this check wrong).
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(server.completions).toHaveLength(4 + secondRound);
		server.holdAnswers = false;
		server.releaseHeld();
		const result = await running;
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(server.rateLimited).toBe(0);
		expect(server.maxInFlight).toBeLessThanOrEqual(statesLimits ? 200 : 50);
	},
);

test('Adaptive Concurrency off at the automatic maxConcurrent: 50 at once, even where the headers state room for more', async () => {
	server.holdAnswers = true;
	server.limitRate(500, 30_000);
	const running = runVisionChat({
		items: items(150),
		parameters: parameters({ adaptiveConcurrency: false }),
		credentials: ownLimiter(),
	});
	await until('the first 50', () => server.heldCount === 50, 30_000);
	server.releaseHeld(50);
	// Their answers state room for 200: still 50 at once.
	await until('the next 50', () => server.heldCount === 50, 30_000);
	expect(server.completions).toHaveLength(100);
	server.holdAnswers = false;
	server.releaseHeld();
	const result = await running;
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(150);
	expect(server.maxInFlight).toBe(50);
});

/** The most requests that arrived within any one second. */
const mostInAnySecond = (times: number[]) =>
	Math.max(
		...times.map((from) => times.filter((time) => time >= from && time < from + 1000).length),
	);

test('a provider that allows 20 requests a second and says so in its headers: never more than 21 arrive in a second, few 429s', async () => {
	server.latencyMs = 40;
	server.limitRate(20, 20);
	const result = await runVisionChat({
		items: items(60),
		parameters: parameters(),
		credentials: ownLimiter(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(60);
	const arrivals = server.completions.map((request) => request.receivedAt);
	console.log(
		`[rate limits] 20 per second, 60 items: ${arrivals.length} requests, ${server.rateLimited} answered 429, at most ${mostInAnySecond(arrivals)} in a second`,
	);
	expect(mostInAnySecond(arrivals)).toBeLessThanOrEqual(21);
	expect(server.rateLimited).toBeLessThanOrEqual(3);
});

/**
 * Two items one at a time; the first is answered with these rate-limit headers: how long after
 * that answer the second request arrived, and the items.
 */
async function nextRequestAfter(headers: Record<string, string>) {
	server.latencyMs = 10;
	let answeredAt = 0;
	server.script = (request) => {
		if (userParts(request.body)[0].text !== 'item 0') return undefined;
		answeredAt = Date.now() + server.latencyMs;
		return { kind: 'json', status: 200, body: completionFor(request.body, answerText), headers };
	};
	const result = await runVisionChat({
		items: items(2),
		parameters: parameters({ maxConcurrency: 1 }),
		credentials: ownLimiter(),
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(2);
	return { items: result.items, waitedMs: server.completions[1].receivedAt - answeredAt };
}

test('an answer that says no requests are left: the next request waits until the API has one again', async () => {
	// 100 a minute, none left: one more in 600 ms.
	const { waitedMs } = await nextRequestAfter({
		'x-ratelimit-limit-requests': '100',
		'x-ratelimit-remaining-requests': '0',
		'x-ratelimit-reset-requests': '1m0s',
	});
	console.log(`[rate limits] the next request came ${waitedMs} ms after the answer`);
	expect(waitedMs).toBeGreaterThanOrEqual(500);
});

test('an answer that says too few tokens are left: the next request waits until the API has refilled what one takes', async () => {
	// 1000 tokens a minute, 10 left; the answer took 18: 8 more refill in 480 ms.
	const { items: answered, waitedMs } = await nextRequestAfter({
		'x-ratelimit-limit-tokens': '1000',
		'x-ratelimit-remaining-tokens': '10',
		'x-ratelimit-reset-tokens': '59.4s',
	});
	expect(answered[0].json.usage).toMatchObject({ total_tokens: 18 });
	console.log(`[rate limits] tokens: the next request came ${waitedMs} ms after the answer`);
	expect(waitedMs).toBeGreaterThanOrEqual(400);
});
