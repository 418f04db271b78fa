/**
 * On Error at Stop Workflow (n8n's default): n8n drops every answer of a run that fails, so the
 * node sends nothing it would drop. The server answers only when the test says, so what is sent
 * before and after the failure is counted, not timed.
 */
import path from 'path';

import { apiError, userParts } from '../server/openAiServer';
import type { ReceivedRequest } from '../server/openAiServer';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { makePng, pdfBytes } from '../support/images';
import { until } from '../support/until';
import type { InputItem } from './harness';
import { runVisionChat, useTestServer } from './harness';

const server = useTestServer();

const { retryingRequests, waitingRequests } = require(
	path.resolve(__dirname, '../../dist/nodes/VisionChat/limiter/registry.js'),
) as { retryingRequests: () => number; waitingRequests: () => number };

let tests = 0;
/** A Base URL of its own per test, so each test starts with a limiter that knows nothing. */
const ownLimiter = () => credentialsFor(server, `/v1${'/'.repeat(++tests)}`);

const items = (count: number, prefix = 'item'): InputItem[] =>
	Array.from({ length: count }, (_, index) => ({ json: { name: `${prefix} ${index}` } }));

const parameters = visionParameters({ prompt: '={{ $json.name }}', binaryImages: 'none' });

const promptOf = (request: ReceivedRequest): string => userParts(request.body)[0].text;

const UNKNOWN_MODEL = {
	kind: 'json' as const,
	status: 400,
	body: apiError('Invalid model: gpt-4o-mini-typo', 'invalid_request_error', 'model_not_found'),
};

/** Item 0's request is refused for good (not retried); every other is answered. */
const refuseItem0 = (request: ReceivedRequest) =>
	promptOf(request) === 'item 0' ? UNKNOWN_MODEL : undefined;

const REFUSED_ITEM_0 = 'The API answered 400: Invalid model: gpt-4o-mini-typo [item 0]';

test('300 items, item 0 refused for good: only the first round (4 requests) is sent, and the node fails naming item 0', async () => {
	server.holdAnswers = true;
	server.script = refuseItem0;
	const running = runVisionChat({ items: items(300), parameters, credentials: ownLimiter() });
	// A limiter that knows nothing starts 4 requests; the other 296 wait for a slot.
	await until('the first round', () => server.heldCount === 4, 30_000);
	expect(waitingRequests()).toBe(296);
	server.releaseHeldWhere((request) => promptOf(request) === 'item 0');
	await until('the waiting items dropped', () => waitingRequests() === 0, 30_000);
	// The three in flight may finish; n8n drops their answers.
	server.releaseHeld();
	const result = await running;
	expect(result.error.message).toBe(REFUSED_ITEM_0);
	expect(result.items).toEqual([]);
	expect(server.completions.map(promptOf).sort()).toEqual(['item 0', 'item 1', 'item 2', 'item 3']);
});

test('a second execution on the same key while the first stops: it gets every answer', async () => {
	server.holdAnswers = true;
	server.script = refuseItem0;
	const credentials = ownLimiter();
	const failing = runVisionChat({ items: items(300), parameters, credentials });
	await until('the first round', () => server.heldCount === 4, 30_000);
	const other = runVisionChat({ items: items(10, 'other'), parameters, credentials });
	await until('the other execution waiting', () => waitingRequests() === 306, 30_000);
	server.releaseHeldWhere((request) => promptOf(request) === 'item 0');
	// Item 0's slot goes to the other execution; the failed run's 296 leave the line.
	await until('the failed run gone from the line', () => waitingRequests() === 9, 30_000);
	server.holdAnswers = false;
	server.releaseHeld();
	const [failed, answered] = await Promise.all([failing, other]);
	expect(failed.error.message).toBe(REFUSED_ITEM_0);
	expect(answered.error).toBeUndefined();
	expect(answered.items.map((item) => item.json.error ?? 'ok')).toEqual(Array(10).fill('ok'));
	const sent = server.completions.map(promptOf);
	expect(sent.filter((prompt) => prompt.startsWith('item')).sort()).toEqual([
		'item 0',
		'item 1',
		'item 2',
		'item 3',
	]);
	expect(sent.filter((prompt) => prompt.startsWith('other'))).toHaveLength(10);
});

test('an item waiting to retry when the run fails is not sent again', async () => {
	server.holdAnswers = true;
	server.script = (request) =>
		promptOf(request) === 'item 1'
			? {
					kind: 'json',
					status: 503,
					body: apiError('The engine is currently overloaded', 'server_error'),
					// Far beyond the test's time: the wait must end with the run, not run out.
					headers: { 'retry-after': '3600' },
				}
			: refuseItem0(request);
	const running = runVisionChat({
		items: items(4),
		parameters: { ...parameters, options: { maxRetryWait: 3600 } },
		credentials: ownLimiter(),
	});
	await until('the first round', () => server.heldCount === 4, 30_000);
	server.releaseHeldWhere((request) => promptOf(request) === 'item 1');
	await until('item 1 waiting to try again', () => retryingRequests() === 1, 30_000);
	server.releaseHeldWhere((request) => promptOf(request) === 'item 0');
	server.releaseHeld();
	const result = await running;
	expect(result.error.message).toBe(REFUSED_ITEM_0);
	expect(server.completions.map(promptOf).sort()).toEqual(['item 0', 'item 1', 'item 2', 'item 3']);
});

test('Settings > Retry On Fail: the run that failed stops, the next try of the node starts afresh and is answered', async () => {
	let refused = 0;
	server.script = (request) =>
		promptOf(request) === 'item 0' && refused++ === 0 ? UNKNOWN_MODEL : undefined;
	const result = await runVisionChat({
		items: items(3),
		parameters,
		credentials: ownLimiter(),
		retryOnFail: { maxTries: 2 },
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.content)).toEqual([
		'Choice 0: saw 0 image(s) for "item 0"',
		'Choice 0: saw 0 image(s) for "item 1"',
		'Choice 0: saw 0 image(s) for "item 2"',
	]);
});

describe.each([
	['Continue (regular output)', { continueOnFail: true }],
	['Continue (using error output)', { errorOutput: true }],
])('On Error at %s: every other item is sent and answered', (_, onError) => {
	test('300 items, item 0 refused: 300 sent, 299 answers, the failure where the setting puts it', async () => {
		server.script = refuseItem0;
		const result = await runVisionChat({
			items: items(300),
			parameters,
			credentials: ownLimiter(),
			...onError,
		});
		expect(result.error).toBeUndefined();
		expect(server.completions).toHaveLength(300);
		const answers = result.items.filter((item) => item.json.error === undefined);
		expect(answers).toHaveLength(299);
		const failures = 'errorOutput' in onError ? result.errorItems : result.items;
		expect(failures.filter((item) => item.json.error !== undefined)).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ error: REFUSED_ITEM_0 }),
				pairedItem: { item: 0 },
			}),
		]);
	});
});

test('two PNGs and a PDF to an API not known to take PDFs: nothing is sent, the error names the PDF item and the option', async () => {
	const png: InputItem = {
		json: {},
		binary: { data: { data: makePng(), fileName: 'a.png', mimeType: 'image/png' } },
	};
	const pdf: InputItem = {
		json: {},
		binary: { data: { data: pdfBytes, fileName: 'invoice.pdf', mimeType: 'application/pdf' } },
	};
	const result = await runVisionChat({
		items: [png, png, pdf],
		parameters: visionParameters(),
		credentials: ownLimiter(),
	});
	expect(result.error.message).toBe(
		'Documents: it is not known whether this API takes PDF documents: set Options > Documents As to the form its documentation shows (OpenAI File Part for most), or send the pages as images [item 2]',
	);
	// n8n throws it at item 0's place (the first in item order), and it still names item 2.
	expect(result.error.context.itemIndex).toBe(2);
	expect(result.error.description).toBe('Nothing was sent for this item.');
	expect(server.completions).toHaveLength(0);
});
