/** The fault matrix: how each API fault ends for the failing item and for the others. */
import { OpenAiTestServer, apiError, completionFor, userParts } from '../server/openAiServer';
import type { ReceivedRequest, Reply } from '../server/openAiServer';
import { API_KEY, credentialsFor, everythingSaid, visionParameters } from '../support/fixtures';
import { makePng } from '../support/images';
import { initEngine, logLines, requestWatch, runVisionChat } from './harness';

const server = new OpenAiTestServer();
const other = new OpenAiTestServer();

beforeAll(async () => {
	await initEngine('default');
	await server.start();
	await other.start();
});
afterAll(async () => {
	await server.stop();
	await other.stop();
});
beforeEach(() => {
	server.reset();
	other.reset();
});
afterEach(() => expect(server.invalidReplies).toEqual([]));

const promptOf = (request: ReceivedRequest) => userParts(request.body)[0]?.text as string;
const items = ['item 0', 'item 1', 'item 2'].map((prompt) => ({
	json: { prompt },
	binary: { data: { data: makePng(2, 2, 1), mimeType: 'image/png' } },
}));
const MAX_RETRIES = 2;
const parameters = (options: Record<string, unknown> = {}) =>
	visionParameters({
		prompt: '={{ $json.prompt }}',
		options: { maxRetries: MAX_RETRIES, maxRetryWait: 0.02, timeout: 10, ...options },
	});

interface Fault {
	name: string;
	reply: Reply;
	/** What the error message of the item says before " [item 1]". */
	message: string;
	/** Tried again: up to Max Retries, or for a push-back (429) five times as often. */
	retried: boolean | 'pushBack';
	options?: Record<string, unknown>;
}

/** Max Retries 2: three tries; a push-back five times as many retries (ten), eleven tries. */
const triesOf = (fault: Fault) => (fault.retried === 'pushBack' ? 11 : fault.retried ? 3 : 1);

const faults: Fault[] = [
	{
		name: '401',
		reply: { kind: 'json', status: 401, body: apiError('Incorrect API key provided.') },
		message: 'The API answered 401: Incorrect API key provided.',
		retried: false,
	},
	{
		name: '403',
		reply: {
			kind: 'json',
			status: 403,
			body: apiError('You are not allowed to sample from this model', 'permission_error'),
		},
		message: 'The API answered 403: You are not allowed to sample from this model',
		retried: false,
	},
	{
		name: '400',
		reply: {
			kind: 'json',
			status: 400,
			body: apiError('Invalid image data', 'invalid_request_error', 'invalid_image'),
		},
		message: 'The API answered 400: Invalid image data',
		retried: false,
	},
	{
		name: '404 unknown model',
		reply: {
			kind: 'json',
			status: 404,
			body: apiError(
				'The model `gpt-5-vision` does not exist or you do not have access to it.',
				'invalid_request_error',
				'model_not_found',
			),
		},
		message:
			'The API answered 404: The model `gpt-5-vision` does not exist or you do not have access to it.',
		retried: false,
	},
	{
		name: '413',
		reply: { kind: 'json', status: 413, body: apiError('Request too large') },
		message: 'The API answered 413: Request too large',
		retried: false,
	},
	{
		name: '429 with Retry-After',
		reply: {
			kind: 'json',
			status: 429,
			body: apiError('Rate limit reached', 'requests', 'rate_limit_exceeded'),
			headers: { 'Retry-After': '1' },
		},
		message: 'The API answered 429: Rate limit reached',
		retried: 'pushBack',
	},
	{
		name: '500',
		reply: { kind: 'json', status: 500, body: apiError('The server had an error', 'server_error') },
		message: 'The API answered 500: The server had an error',
		retried: true,
	},
	{
		name: "502 from nginx in front of the API: its page's words, not its markup",
		reply: {
			kind: 'raw',
			status: 502,
			// nginx's own error page, as it sends it.
			text: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
			contentType: 'text/html',
		},
		message: 'The API answered 502: 502 Bad Gateway: nginx',
		retried: true,
	},
	{
		name: '503',
		reply: {
			kind: 'json',
			status: 503,
			body: apiError('The engine is currently overloaded', 'server_error'),
		},
		message: 'The API answered 503: The engine is currently overloaded',
		retried: true,
	},
	{
		name: 'reset connection',
		reply: { kind: 'reset' },
		message: 'The connection to the API failed (ECONNRESET: socket hang up)',
		retried: true,
	},
	{
		name: 'no answer (timeout)',
		reply: { kind: 'hang' },
		message: 'The request timed out: no whole answer within 0.5 s (Options > Request Timeout)',
		retried: true,
		options: { timeout: 0.5 },
	},
	{
		name: '200 with malformed JSON',
		reply: { kind: 'raw', status: 200, text: '{"id": "chatcmpl-1", "choices": [' },
		message:
			'The API answered 200 with a body that is not JSON: "{\\"id\\": \\"chatcmpl-1\\", \\"choices\\": ["',
		retried: true,
	},
	{
		name: '200 with empty choices',
		reply: {
			kind: 'json',
			status: 200,
			body: { ...completionFor({ model: 'gpt-4o-mini' }), choices: [] },
		},
		message: 'The API answered with no choices',
		retried: false,
	},
	{
		name: 'stream cut before [DONE]',
		reply: { kind: 'cutStream' },
		message: 'The event stream ended before "data: [DONE]": the answer was cut off',
		retried: true,
		options: { stream: true },
	},
	{
		name: 'stream connection dropped',
		reply: { kind: 'dropStream' },
		message: 'The connection to the API failed (ECONNRESET: socket hang up)',
		retried: true,
		options: { stream: true },
	},
];

const overloaded: Reply = {
	kind: 'json',
	status: 503,
	body: apiError('overloaded', 'server_error'),
};

describe.each(faults)('$name', (fault) => {
	test('always failing: Continue On Fail keeps the other items; the error names item, cause and message; retried only if transient', async () => {
		server.script = (request) => (promptOf(request) === 'item 1' ? fault.reply : undefined);
		const result = await runVisionChat({
			items,
			parameters: parameters(fault.options),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.content).toContain('"item 0"');
		expect(result.items[2].json.content).toContain('"item 2"');
		expect(result.items[1].json.error).toBe(`${fault.message} [item 1]`);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		const attempts = server.completions.filter((request) => promptOf(request) === 'item 1').length;
		expect(attempts).toBe(triesOf(fault));
		expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
	});

	test('without Continue On Fail the node fails with the same error', async () => {
		server.script = (request) => (promptOf(request) === 'item 1' ? fault.reply : undefined);
		const result = await runVisionChat({
			items,
			parameters: parameters({ ...fault.options, maxRetries: 0 }),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe(`${fault.message} [item 1]`);
		expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
	});

	if (fault.retried) {
		test('once: the item succeeds on its retry, the others are sent once', async () => {
			const seen = new Set<string>();
			server.script = (request) => {
				if (promptOf(request) !== 'item 1' || seen.has('item 1')) return undefined;
				seen.add('item 1');
				return fault.reply;
			};
			const result = await runVisionChat({
				items,
				parameters: parameters(fault.options),
				credentials: credentialsFor(server),
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.content)).toEqual(
				[0, 1, 2].map((i) => `Choice 0: saw 1 image(s) for "item ${i}"`),
			);
			expect(server.completions.map(promptOf).sort()).toEqual([
				'item 0',
				'item 1',
				'item 1',
				'item 2',
			]);
		});
	}
});

describe('retry timing and limits', () => {
	test('Retry-After (seconds) and retry-after-ms are waited for, up to Max Retry Wait', async () => {
		/**
		 * One item answered 429 with these headers once, then normally: how long after the 429 the
		 * server had the retry (its own two times: n8n's start-up is not in it).
		 */
		const retriedAfter = async (headers: Record<string, string>, maxRetryWait: number) => {
			let calls = 0;
			const before = server.completions.length;
			server.script = () =>
				++calls === 1
					? { kind: 'json', status: 429, body: apiError('slow down'), headers }
					: undefined;
			const result = await runVisionChat({
				items: items.slice(0, 1),
				parameters: parameters({ maxRetryWait }),
				credentials: credentialsFor(server),
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.content).toContain('"item 0"');
			const [refused, retry] = server.completions.slice(before);
			return retry.receivedAt - refused.answeredAt!;
		};
		// Not before the API asked (a loaded machine only makes it later); well before what a wrong
		// unit or an ignored cap would wait. That no backoff is added on top is the unit test's
		// (sendWithRetries.test.ts), on a clock of its own.
		const inMs = await retriedAfter({ 'retry-after-ms': '1500' }, 10);
		expect(inMs).toBeGreaterThanOrEqual(1490);
		expect(inMs).toBeLessThan(2 * 1500);
		const inSeconds = await retriedAfter({ 'Retry-After': '2' }, 10);
		expect(inSeconds).toBeGreaterThanOrEqual(1990);
		expect(inSeconds).toBeLessThan(2 * 2000);
		// Max Retry Wait caps what the API asks for.
		const capped = await retriedAfter({ 'Retry-After': '30' }, 0.2);
		expect(capped).toBeGreaterThanOrEqual(190);
		expect(capped).toBeLessThan(10_000);
	});

	test("n8n's own Request Options > Timeout wins over the node's Request Timeout", async () => {
		server.latencyMs = 600;
		const slowAnswer = (requestOptions?: Record<string, unknown>) =>
			runVisionChat({
				items: items.slice(0, 1),
				parameters: {
					...parameters({ timeout: 0.3, maxRetries: 0 }),
					...(requestOptions ? { requestOptions } : {}),
				},
				credentials: credentialsFor(server),
			});
		const byNode = await slowAnswer();
		expect(byNode.error.name).toBe('NodeApiError');
		expect(byNode.error.message).toBe(
			'The request timed out: no whole answer within 0.3 s (Options > Request Timeout) [item 0]',
		);
		const byN8n = await slowAnswer({ timeout: 5000 });
		expect(byN8n.error).toBeUndefined();
		expect(byN8n.items[0].json.content).toContain('"item 0"');
		// Its error names it, so a user finds the setting that fired.
		const cutByN8n = await slowAnswer({ timeout: 200 });
		expect(cutByN8n.error.message).toBe(
			'The request timed out: no whole answer within 0.2 s (Settings > Request Options > Timeout) [item 0]',
		);
	});

	test('Max Retries 0 turns retries off', async () => {
		server.script = () => overloaded;
		const result = await runVisionChat({
			items: items.slice(0, 1),
			parameters: parameters({ maxRetries: 0 }),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe('The API answered 503: overloaded [item 0]');
		expect(server.completions).toHaveLength(1);
	});

	test('the error says how often the item was tried', async () => {
		server.script = () => overloaded;
		const result = await runVisionChat({
			items: items.slice(0, 1),
			parameters: parameters({ maxRetries: 3 }),
			credentials: credentialsFor(server),
		});
		expect(result.error.description).toContain('Tried 4 times.');
		expect(server.completions).toHaveLength(4);
	});
});

describe('concurrency', () => {
	test('no more requests are open at once than Max Concurrent Requests', async () => {
		server.latencyMs = 30;
		const many = Array.from({ length: 40 }, (_, i) => ({
			...items[0],
			json: { prompt: `item ${i}` },
		}));
		// Fixed: the key's adaptive limit is still low from the 429s of the tests above.
		const result = await runVisionChat({
			items: many,
			parameters: parameters({ maxConcurrency: 4, adaptiveConcurrency: false }),
			credentials: credentialsFor(server),
		});
		expect(result.items).toHaveLength(40);
		expect(server.maxInFlight).toBe(4);
	});
});

describe('secrets', () => {
	test('a redirect is not followed, so the key never reaches the other origin', async () => {
		server.script = () => ({
			kind: 'raw',
			status: 307,
			text: '',
			headers: { Location: `${other.url}/v1/chat/completions` },
		});
		const result = await runVisionChat({
			items: items.slice(0, 1),
			parameters: parameters(),
			credentials: credentialsFor(server),
		});
		expect(result.error.message).toBe('The API answered 307: Temporary Redirect [item 0]');
		expect(result.error.description).toContain(`${other.url}/v1/chat/completions`);
		expect(other.requests).toHaveLength(0);
	});

	test('an API that echoes the key in its error does not put it in the node error', async () => {
		server.script = (request) => ({
			kind: 'json',
			status: 400,
			body: apiError(`Bad header: ${request.headers.authorization}`),
		});
		const result = await runVisionChat({
			items: items.slice(0, 1),
			parameters: parameters(),
			credentials: credentialsFor(server),
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toBe(
			'The API answered 400: Bad header: Bearer *** [item 0]',
		);
		expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
	});

	test('a network failure whose engine error holds the request (as in n8n 2.x) gives an error without the key', async () => {
		// n8n 2.x keeps the HTTP client's error as the cause of the engine's error, and with it the
		// request's headers; n8n-core 1.x, which these tests run, drops it. Make the request fail so.
		const { NodeApiError } = require('n8n-workflow');
		requestWatch.onSend = (sent) => {
			const clientError = Object.assign(new Error('socket hang up'), {
				code: 'ECONNRESET',
				config: { headers: sent.headers, data: sent.body },
			});
			const engineError = new NodeApiError({ name: 'Vision Chat' } as never, {
				message: 'socket hang up',
			});
			engineError.cause = clientError;
			throw engineError;
		};
		try {
			const result = await runVisionChat({
				items: items.slice(0, 1),
				parameters: parameters({ maxRetries: 0 }),
				credentials: credentialsFor(server),
				continueOnFail: true,
			});
			expect(result.items[0].json.error).toBe(
				'The connection to the API failed (ECONNRESET: socket hang up) [item 0]',
			);
			expect(everythingSaid(result, logLines)).not.toContain(API_KEY);
		} finally {
			requestWatch.onSend = undefined;
		}
	});
});
