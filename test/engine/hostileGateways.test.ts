/**
 * A gateway that misbehaves costs the item it answered, never the process: each behaviour answers
 * the first of two items, the second is answered normally, and the memory of this process (which
 * runs n8n's engine) stays bounded by Max Answer Size.
 */
import { apiError, completionFor, userParts } from '../server/openAiServer';
import type { ReceivedRequest, Reply } from '../server/openAiServer';
import {
	API_KEY,
	allTextIn,
	credentialsFor,
	everythingSaid,
	visionParameters,
} from '../support/fixtures';
import { listModels, logLines, runVisionChat, useTestServer } from './harness';

const server = useTestServer();

const MAX_ANSWER_MB = 8;
const TIMEOUT_S = 2;
/**
 * What "at once" and "within the Request Timeout" allow on a loaded machine: a node that waits
 * for a hostile answer to end never ends, so any bound tells it; how fast is the benchmark's.
 */
const SLACK_MS = 10_000;
const promptOf = (request: ReceivedRequest) => userParts(request.body)[0]?.text as string;
const items = ['hostile', 'normal'].map((prompt) => ({ json: { prompt } }));
const parameters = (options: Record<string, unknown> = {}) =>
	visionParameters({
		prompt: '={{ $json.prompt }}',
		binaryImages: 'none',
		options: {
			maxAnswerSizeMb: MAX_ANSWER_MB,
			timeout: TIMEOUT_S,
			maxRetries: 0,
			...options,
		},
	});

/** The highest resident memory of this process while `work` runs, above what it was before. */
async function peakGrowthMb<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	try {
		const result = await work();
		peak = Math.max(peak, process.memoryUsage().rss);
		return { result, growthMb: (peak - before) / 1024 / 1024 };
	} finally {
		clearInterval(sampler);
	}
}

const tooLarge = `The API's answer passed Max Answer Size (${MAX_ANSWER_MB} MB) and was not read further`;

interface Behaviour {
	name: string;
	reply: Reply;
	message: string;
	options?: Record<string, unknown>;
}

const behaviours: Behaviour[] = [
	{
		name: 'a JSON answer whose text never ends (1 MB writes)',
		reply: { kind: 'flood' },
		message: tooLarge,
	},
	{
		name: 'a gzip body of about 3 MB that inflates to 3 GB',
		reply: { kind: 'gzipBomb', inflatedMb: 3072 },
		message: tooLarge,
	},
	{
		name: 'with Stream on, an event stream of 256 KB deltas without end',
		reply: { kind: 'endlessStream' },
		message: tooLarge,
		options: { stream: true },
	},
	{
		name: 'an answer sent one byte every 50 ms (the Request Timeout is a deadline)',
		reply: { kind: 'drip', intervalMs: 50 },
		message: `The request timed out: no whole answer within ${TIMEOUT_S} s (Options > Request Timeout)`,
	},
	{
		name: 'JSON nested a million arrays deep',
		reply: { kind: 'raw', status: 200, text: `${'['.repeat(1e6)}${']'.repeat(1e6)}` },
		message: "The API's answer is JSON nested more than 256 levels deep, which no chat answer is",
	},
	{
		name: 'an error page nested a million objects deep',
		reply: { kind: 'raw', status: 500, text: `${'{"error":'.repeat(1e5)}1${'}'.repeat(1e5)}` },
		message: "The API's answer is JSON nested more than 256 levels deep, which no chat answer is",
	},
];

describe.each(behaviours)('$name', (behaviour) => {
	test("fails only its item, within the Request Timeout (and a loaded machine's slack), with bounded memory", async () => {
		server.script = (request) => (promptOf(request) === 'hostile' ? behaviour.reply : undefined);
		const started = Date.now();
		const { result, growthMb } = await peakGrowthMb(() =>
			runVisionChat({
				items,
				parameters: parameters(behaviour.options),
				credentials: credentialsFor(server),
				continueOnFail: true,
			}),
		);
		const elapsedMs = Date.now() - started;
		console.log(
			`[hostile] ${behaviour.name}: ${elapsedMs} ms, peak RSS +${growthMb.toFixed(0)} MB`,
		);
		expect(result.items[0].json.error).toBe(`${behaviour.message} [item 0]`);
		expect(result.items[1].json.content).toBe('Choice 0: saw 0 image(s) for "normal"');
		expect(elapsedMs).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
		expect(growthMb).toBeLessThan(4 * MAX_ANSWER_MB + 64);
		expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
	});
});

test('an answer past Max Answer Size is not retried', async () => {
	server.script = () => ({ kind: 'flood' });
	const result = await runVisionChat({
		items: items.slice(0, 1),
		parameters: parameters({ maxRetries: 2, maxRetryWait: 0.01 }),
		credentials: credentialsFor(server),
		continueOnFail: true,
	});
	expect(result.items[0].json.error).toBe(`${tooLarge} [item 0]`);
	expect(result.items[0].json.hint).toContain(
		'the Base URL may not point to a chat-completions API',
	);
	expect(server.completions).toHaveLength(1);
});

test('a drip-fed answer is cut at the deadline and retried as a timeout', async () => {
	let calls = 0;
	server.script = () => (++calls === 1 ? { kind: 'drip', intervalMs: 50 } : undefined);
	const started = Date.now();
	const result = await runVisionChat({
		items: items.slice(1),
		parameters: parameters({ timeout: 1, maxRetries: 1, maxRetryWait: 0.01 }),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.content).toBe('Choice 0: saw 0 image(s) for "normal"');
	expect(server.completions).toHaveLength(2);
	expect(Date.now() - started).toBeLessThan(1000 + SLACK_MS);
});

test('a flood of headers within what Node.js reads, rate-limit headers among them: the item is answered', async () => {
	server.script = () => ({ kind: 'headerFlood', headerBytes: 14_000 });
	const started = Date.now();
	const result = await runVisionChat({
		items: items.slice(1),
		parameters: parameters(),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	expect(result.items[0].json.content).toBe('Choice 0: saw 0 image(s) for "normal"');
	expect(Date.now() - started).toBeLessThan(SLACK_MS);
});

test('an error body of a megabyte: the error keeps 1000 characters of its message and 10,000 of the body', async () => {
	const long = 'x'.repeat(1_000_000);
	server.script = () => ({ kind: 'json', status: 400, body: apiError(long) });
	const result = await runVisionChat({
		items: items.slice(1),
		parameters: parameters(),
		credentials: credentialsFor(server),
	});
	expect(result.error.message).toBe(`The API answered 400: ${'x'.repeat(1000)} [item 0]`);
	// Everything the error holds (message, description, cause) stays small.
	const said = allTextIn(result.error).join('');
	expect(said.length).toBeLessThan(50_000);
	expect(said.length).toBeGreaterThan(10_000);
});

test('headers past what Node.js reads fail the item with a clear error, the other is answered', async () => {
	server.script = (request) =>
		promptOf(request) === 'hostile' ? { kind: 'headerFlood', headerBytes: 64_000 } : undefined;
	const result = await runVisionChat({
		items,
		parameters: parameters(),
		credentials: credentialsFor(server),
		continueOnFail: true,
	});
	expect(result.items[0].json.error).toMatch(
		/^The connection to the API failed \(HPE_HEADER_OVERFLOW/,
	);
	expect(result.items[1].json.content).toBe('Choice 0: saw 0 image(s) for "normal"');
});

test('an answer that opens a code fence and then sends whitespace fails its item at once', async () => {
	const fenced = completionFor({ model: 'gpt-4o-mini' });
	// Two million: linear takes milliseconds, a scan from every position hours.
	fenced.choices[0].message.content = `\`\`\`json\n${' '.repeat(2_000_000)}.`;
	server.script = (request) =>
		promptOf(request) === 'hostile' ? { kind: 'json', status: 200, body: fenced } : undefined;
	const started = Date.now();
	const result = await runVisionChat({
		items,
		parameters: { ...parameters(), responseFormat: 'json_object' },
		credentials: credentialsFor(server),
		continueOnFail: true,
	});
	expect(result.items[0].json.error).toMatch(/^The model's answer is not valid JSON/);
	expect(result.items[1].json.parsed).toMatchObject({ caption: 'a test image (0 seen)' });
	expect(Date.now() - started).toBeLessThan(SLACK_MS);
});

test('a model list that never ends fails the list at 16 MB, with a clear error', async () => {
	server.floodModels = true;
	const { growthMb } = await peakGrowthMb(async () => {
		await expect(listModels(credentialsFor(server))).rejects.toThrow(
			"The model list failed: the API's model list passed 16 MB and was not read further",
		);
	});
	expect(growthMb).toBeLessThan(4 * 16 + 64);
});
