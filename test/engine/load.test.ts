/** 1000 items against a server that injects 10 % transient faults: nothing lost, nothing sent twice. */
import path from 'path';

import { apiError, userParts } from '../server/openAiServer';
import type { Reply } from '../server/openAiServer';
import { AUTOMATIC_MAX_CONCURRENT } from '../../nodes/core/item/settings';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { makePng } from '../support/images';
import { runVisionChat, useTestServer } from './harness';

const server = useTestServer();

const ITEMS = 1000;
const faultFor = (index: number): Reply | undefined => {
	if (index % 10 !== 3) return undefined;
	return [
		{
			kind: 'json',
			status: 429,
			body: apiError('Rate limit reached', 'requests', 'rate_limit_exceeded'),
			headers: { 'retry-after-ms': '5' },
		},
		{
			kind: 'json',
			status: 503,
			body: apiError('The engine is currently overloaded', 'server_error'),
		},
		{ kind: 'reset' },
	][Math.floor(index / 10) % 3] as Reply;
};

test('every item gets its answer, in input order, paired to its input; no item is answered twice', async () => {
	const faulted = new Set<number>();
	server.script = (request) => {
		const index = Number(/item (\d+)/.exec(userParts(request.body)[0].text)![1]);
		const fault = faultFor(index);
		if (!fault || faulted.has(index)) return undefined;
		faulted.add(index);
		return fault;
	};
	// Latency so that requests overlap at the server and the cap shows.
	server.latencyMs = 20;
	const image = makePng(8, 8, 2);
	const result = await runVisionChat({
		items: Array.from({ length: ITEMS }, (_, index) => ({
			json: { index },
			binary: { data: { data: image, mimeType: 'image/png' } },
		})),
		parameters: visionParameters({
			prompt: '=item {{ $json.index }}',
			options: { maxRetryWait: 0.01, adaptiveConcurrency: false },
		}),
		credentials: credentialsFor(server),
	});
	expect(result.error).toBeUndefined();
	expect(faulted.size).toBe(ITEMS / 10);
	expect(result.items).toHaveLength(ITEMS);
	result.items.forEach((item, index) => {
		expect(item.json.content).toBe(`Choice 0: saw 1 image(s) for "item ${index}"`);
		expect(item.pairedItem).toEqual({ item: index });
	});
	const answered = new Map<string, number>();
	for (const request of server.completions.filter((received) => received.reply === 'ok')) {
		const prompt = userParts(request.body)[0].text;
		answered.set(prompt, (answered.get(prompt) ?? 0) + 1);
	}
	expect(answered.size).toBe(ITEMS);
	expect([...answered.values()].every((count) => count === 1)).toBe(true);
	expect(server.completions).toHaveLength(ITEMS + ITEMS / 10);
	// The automatic Max Concurrent Requests (no rate-limit headers here) held for 1000 items started at once by the
	// engine, and many ran at once
	// (a latency of 20 ms lets that show on a slow machine too).
	expect(server.maxInFlight).toBeLessThanOrEqual(AUTOMATIC_MAX_CONCURRENT.unstated);
	expect(server.maxInFlight).toBeGreaterThanOrEqual(16);
	const { busyLimiters } = require(
		path.resolve(__dirname, '../../dist/nodes/VisionChat/limiter/registry.js'),
	);
	expect(busyLimiters()).toBe(0);
});
