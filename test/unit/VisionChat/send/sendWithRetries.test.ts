import type { IExecuteSingleFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { reaskMessages, sendWithRetries } from '../../../../nodes/VisionChat/send/sendWithRetries';
import type { RetryPlan, SendTry } from '../../../../nodes/VisionChat/send/sendWithRetries';
import { RequestError } from '../../../../nodes/core/errors/nodeErrors';
import type { RetryAdvice } from '../../../../nodes/core/errors/retry';
import { QUIRKS } from '../../../../nodes/core/errors/quirks';
import { replaceFields } from '../../../../nodes/core/body/replaceFields';

const node = { name: 'Vision Chat', type: 'visionChat', typeVersion: 1 } as INode;

function contextWith(cancel = new AbortController()): IExecuteSingleFunctions {
	return {
		getNode: () => node,
		getItemIndex: () => 0,
		getExecutionCancelSignal: () => cancel.signal,
	} as unknown as IExecuteSingleFunctions;
}

const refused = (retry: RetryAdvice, status = 500) =>
	new RequestError(node, {
		itemIndex: 0,
		message: `the API answered ${status}`,
		cause: { message: 'refused' },
		retry,
		report: { status },
	});

const answered: INodeExecutionData[] = [{ json: { content: 'a cat' } }];

/** A try that fails with each of `failures` in turn, then answers; it records what it was sent. */
function scripted(failures: unknown[]) {
	const sent: string[] = [];
	const sendTry: SendTry = async (request) => {
		sent.push(String(request.body));
		const next = failures.shift();
		if (next !== undefined) throw next;
		return answered;
	};
	return { sendTry, sent };
}

function planFor(overrides: Partial<RetryPlan> = {}) {
	const waits: number[] = [];
	const pushBacks: Array<number | undefined> = [];
	const body = Buffer.from('{"model":"m","max_tokens":5,"messages":[]}');
	const plan: RetryPlan = {
		request: { url: '/chat/completions', body },
		encoded: { body, fields: { model: 'm', max_tokens: 5 }, notices: [], documents: 0 },
		bodyWith: async (current, changed) => replaceFields(current.body, current.fields, changed),
		settings: { maxRetries: 2, maxRetryWaitMs: 30_000 },
		deadline: { ms: 5_000, setting: 'Options > Request Timeout' },
		slot: {
			answered429: (ms) => pushBacks.push(ms),
			retryAfterWait: async (ms) => {
				waits.push(ms);
			},
		},
		...overrides,
	};
	return { plan, waits, pushBacks };
}

test('a failure worth retrying is tried again until Max Retries, then the error says how often', async () => {
	const { sendTry, sent } = scripted([1, 2, 3].map(() => refused({ retryable: true })));
	const { plan, waits } = planFor();
	const error = await sendWithRetries(contextWith(), sendTry, plan).catch((e) => e);
	expect(sent).toHaveLength(3);
	expect(waits).toHaveLength(2);
	expect(error.description).toBe('Tried 3 times.');
});

test('a failure not worth retrying ends at once; one that passes on a retry is answered', async () => {
	const once = scripted([refused({ retryable: false }, 400)]);
	await expect(sendWithRetries(contextWith(), once.sendTry, planFor().plan)).rejects.toThrow(
		'The API answered 400',
	);
	expect(once.sent).toHaveLength(1);
	const later = scripted([refused({ retryable: true })]);
	await expect(sendWithRetries(contextWith(), later.sendTry, planFor().plan)).resolves.toEqual(
		answered,
	);
});

test("a push-back tells the key's limiter, its Retry-After capped by Max Retry Wait, and waits as long", async () => {
	const { sendTry } = scripted([
		refused({ retryable: true, answered429: true, retryAfterMs: 90_000 }, 429),
	]);
	const { plan, waits, pushBacks } = planFor();
	await sendWithRetries(contextWith(), sendTry, plan);
	expect(pushBacks).toEqual([30_000]);
	expect(waits).toEqual([30_000]);
});

test('push-backs (429) are retried five times Max Retries, counted apart from other failures; Max Retries 0 still tries once', async () => {
	const pushBack = () => refused({ retryable: true, answered429: true, retryAfterMs: 50 }, 429);
	const many = scripted([...Array.from({ length: 10 }, pushBack), refused({ retryable: true })]);
	await expect(sendWithRetries(contextWith(), many.sendTry, planFor().plan)).resolves.toEqual(
		answered,
	);
	expect(many.sent).toHaveLength(12);
	const tooMany = scripted(Array.from({ length: 11 }, pushBack));
	const error = await sendWithRetries(contextWith(), tooMany.sendTry, planFor().plan).catch(
		(e) => e,
	);
	expect(tooMany.sent).toHaveLength(11);
	expect(error.description).toBe('Tried 11 times.');
	const none = scripted([pushBack()]);
	const noRetries = planFor({ settings: { maxRetries: 0, maxRetryWaitMs: 30_000 } }).plan;
	await expect(sendWithRetries(contextWith(), none.sendTry, noRetries)).rejects.toThrow('429');
	expect(none.sent).toHaveLength(1);
});

test('a known refusal is sent again at once with the change it asks for, not counted as a retry, and the answer says so', async () => {
	const maxTokens = QUIRKS.map((quirk) => quirk.adaptation).find((adaptation) =>
		adaptation?.notice.includes('max_completion_tokens'),
	)!;
	const { sendTry, sent } = scripted([refused({ retryable: false, adaptation: maxTokens }, 400)]);
	const { plan, waits } = planFor({ settings: { maxRetries: 0, maxRetryWaitMs: 30_000 } });
	const items = await sendWithRetries(contextWith(), sendTry, plan);
	expect(sent).toEqual([
		'{"model":"m","max_tokens":5,"messages":[]}',
		'{"model":"m","max_completion_tokens":5,"messages":[]}',
	]);
	expect(waits).toEqual([]);
	expect(items[0].json.notices).toEqual([maxTokens.notice]);
});

test('a try past its deadline is a timeout naming the setting, and is retried', async () => {
	let tries = 0;
	const slow: SendTry = async (_request, signal) => {
		tries++;
		if (tries === 1) await new Promise((resolve) => signal.addEventListener('abort', resolve));
		return answered;
	};
	const { plan } = planFor({ deadline: { ms: 50, setting: 'Options > Request Timeout' } });
	await expect(sendWithRetries(contextWith(), slow, plan)).resolves.toEqual(answered);
	expect(tries).toBe(2);
	const never: SendTry = async (_request, signal) =>
		await new Promise((resolve) => signal.addEventListener('abort', () => resolve(answered)));
	const noRetries = planFor({
		deadline: { ms: 50, setting: 'Options > Request Timeout' },
		settings: { maxRetries: 0, maxRetryWaitMs: 1000 },
	}).plan;
	await expect(sendWithRetries(contextWith(), never, noRetries)).rejects.toThrow(
		'The request timed out: no whole answer within 0.05 s (Options > Request Timeout) [item 0]',
	);
});

test('a cancelled execution tries no more; a thrown non-node error becomes a clean network error', async () => {
	const cancel = new AbortController();
	cancel.abort();
	const { sendTry, sent } = scripted([refused({ retryable: true })]);
	await expect(sendWithRetries(contextWith(cancel), sendTry, planFor().plan)).rejects.toThrow(
		'The API answered 500',
	);
	expect(sent).toHaveLength(1);
	const raw = scripted([Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })]);
	const { plan } = planFor({ settings: { maxRetries: 0, maxRetryWaitMs: 0 } });
	await expect(sendWithRetries(contextWith(), raw.sendTry, plan)).rejects.toThrow(
		'The connection to the API failed (ECONNRESET: socket hang up) [item 0]',
	);
});

test('an answer its schema does not take is asked again once, with what was wrong and the usage it cost; not twice', async () => {
	const reask = {
		answer: '{"total":"twelve"}',
		problems: ['total: expected a number'],
		usage: { a: 1 },
	};
	const mismatch = () => refused({ retryable: false, reask }, 200);
	const usages: unknown[] = [];
	const { sendTry, sent } = scripted([mismatch()]);
	const recording: SendTry = async (request, signal, earlierUsage) => {
		usages.push(earlierUsage);
		return await sendTry(request, signal, earlierUsage);
	};
	const items = await sendWithRetries(contextWith(), recording, planFor().plan);
	expect(usages).toEqual([undefined, { a: 1 }]);
	expect(JSON.parse(sent[1]).messages).toEqual(reaskMessages(reask));
	expect(reaskMessages(reask)[1].content).toContain('- total: expected a number');
	expect(items[0].json.notices).toEqual([
		'The first answer did not match the schema (total: expected a number): asked once more with what was wrong; usage counts both answers.',
	]);
	const twice = scripted([mismatch(), mismatch()]);
	const error = await sendWithRetries(contextWith(), twice.sendTry, planFor().plan).catch((e) => e);
	expect(twice.sent).toHaveLength(2);
	expect(error.description).toBe('Tried 2 times.');
});
