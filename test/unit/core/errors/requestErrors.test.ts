import type { IN8nHttpFullResponse } from 'n8n-workflow';

import {
	networkError,
	refusalError,
	timeoutError,
} from '../../../../nodes/core/errors/requestErrors';
import { allTextIn } from '../../../support/fixtures';
import { fakeItemReader } from '../fakeItemReader';

const reader = fakeItemReader({ itemIndex: 1 });
const answer = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
	({ statusCode, statusMessage: 'Status', headers, body }) as IN8nHttpFullResponse;

test("a refusal is built from the answer's body only, the key redacted wherever the API echoed it", () => {
	const error = refusalError(
		reader,
		answer(401, { error: { message: 'Incorrect API key provided: sk-live-123' } }),
		'sk-live-123',
		{},
	);
	expect(error.message).toBe('The API answered 401: Incorrect API key provided: *** [item 1]');
	expect(error.report).toEqual({ status: 401, apiMessage: 'Incorrect API key provided: ***' });
	expect(allTextIn(error).join('\n')).not.toContain('sk-live-123');
	expect(error.retry.retryable).toBe(false);
});

test('a push-back (429, or 503 with Retry-After) is marked for the limiter with how long to wait', () => {
	const limited = refusalError(
		reader,
		answer(429, { error: { message: 'slow down' } }, { 'retry-after': '2' }),
		undefined,
		{},
	);
	expect(limited.retry).toMatchObject({ retryable: true, answered429: true, retryAfterMs: 2000 });
	const down = refusalError(reader, answer(503, 'down'), undefined, {});
	expect(down.retry).toMatchObject({ retryable: true, answered429: false });
});

test("an error body kept as the error's cause is cut at 10,000 characters, saying how long it was", () => {
	// n8n keeps it as the error's errorResponse, and stores it with the execution.
	const error = refusalError(reader, answer(500, 'x'.repeat(50_000)), undefined, {});
	const { body } = error.errorResponse as { body: string };
	expect(body).toHaveLength(10_000 + '... (50000 characters in all)'.length);
	expect(body.endsWith('... (50000 characters in all)')).toBe(true);
	const small = refusalError(reader, answer(400, { error: { message: 'no' } }), undefined, {});
	expect(small.errorResponse).toEqual({ error: { message: 'no' } });
});

test('a timeout names the setting that fired; a network failure its code, and nothing of the request', () => {
	const timeout = timeoutError(reader, { ms: 2500, setting: 'Options > Request Timeout' });
	expect(timeout.message).toBe(
		'The request timed out: no whole answer within 2.5 s (Options > Request Timeout) [item 1]',
	);
	expect(timeout.retry.retryable).toBe(true);
	const thrown = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
		code: 'ECONNREFUSED',
		config: { headers: { Authorization: 'Bearer sk-live-123' } },
	});
	const network = networkError(reader, thrown);
	expect(network.report).toMatchObject({ status: null, networkCode: 'ECONNREFUSED' });
	expect(allTextIn(network).join('\n')).not.toContain('sk-live-123');
	expect(network.description).toContain('Check the Base URL');
});
