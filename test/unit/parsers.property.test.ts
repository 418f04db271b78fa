/**
 * Everything the node parses from the network, a model or the user's own text: random and
 * adversarial inputs never throw anything but the node's own error, and an input ten times
 * longer costs about ten times the time (a ratio measured in one run, never a fixed time).
 */
import fc from 'fast-check';
import { ApplicationError } from 'n8n-workflow';
import { performance } from 'perf_hooks';

import { apiBaseUrl } from '../../credentials/baseUrl';
import { parseExtraHeaders } from '../../credentials/extraHeaders';
import { apiErrorMessage } from '../../nodes/core/errors/apiMessage';
import { describeRefusal } from '../../nodes/core/errors/refusals';
import { networkCause } from '../../nodes/core/errors/networkCause';
import { AnswerProblem, InputProblem } from '../../nodes/core/errors/problems';
import { retryAfterMs } from '../../nodes/core/errors/retry';
import { readRateLimits, resetToMs } from '../../nodes/VisionChat/limiter/rateLimitHeaders';
import { parseLogitBias } from '../../nodes/core/parameters/logitBias';
import { checkStopSequences } from '../../nodes/core/parameters/stopSequences';
import { decodeBody, nestsDeeperThan } from '../../nodes/core/answer/boundedBody';
import { assembleEventStream } from '../../nodes/core/answer/eventStream';
import { withoutCodeFence } from '../../nodes/core/answer/answerJson';
import { completionToOutput } from '../../nodes/core/answer/output';
import { tokensUsed } from '../../nodes/VisionChat/limiter/rateLimitReport';

/** Runs `parse`; anything thrown must be one of `allowed`. */
function onlyThrows(parse: () => unknown, ...allowed: Array<new (...args: any[]) => Error>) {
	try {
		parse();
	} catch (error) {
		if (!allowed.some((kind) => error instanceof kind)) throw error;
	}
}

/** Text a hostile peer could send: any characters, and the ones parsers care about, in runs. */
const hostileText = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 300 }),
	fc
		.array(
			fc.constantFrom(
				' ',
				'\n',
				'\r\n',
				'```',
				'json',
				'<',
				'>',
				'<script>',
				'</script',
				'<title>',
				'<html>',
				'{',
				'}',
				'[',
				']',
				'"',
				'\\',
				'data:',
				'data: [DONE]',
				'1',
				'9'.repeat(400),
				'.',
				'ms',
				'm',
				's',
				'/',
				'&amp;',
				':',
			),
			{ maxLength: 200 },
		)
		.map((pieces) => pieces.join('')),
	fc.json(),
);

const options = { numRuns: 300 };

describe('random and adversarial input throws only the node’s own errors', () => {
	test('a model answer parsed as JSON (code fence or not)', () => {
		fc.assert(
			fc.property(hostileText, fc.constantFrom('stop', 'length'), (content, finish_reason) => {
				const completion = { choices: [{ index: 0, message: { content }, finish_reason }] };
				onlyThrows(
					() =>
						completionToOutput(completion, {
							simplify: true,
							splitChoices: false,
							parseJson: true,
						}),
					AnswerProblem,
				);
				expect(typeof withoutCodeFence(content)).toBe('string');
			}),
			options,
		);
	});

	test('an answer body, as bytes that may not be UTF-8', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes)),
					hostileText.map((text) => Buffer.from(text)),
				),
				(bytes) => onlyThrows(() => decodeBody(bytes), AnswerProblem),
			),
			options,
		);
	});

	test('an event stream', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						hostileText,
						fc.json().map((json) => `data: ${json}`),
					),
					{
						maxLength: 20,
					},
				),
				(lines) => onlyThrows(() => assembleEventStream(lines.join('\n')), AnswerProblem),
			),
			options,
		);
	});

	test('an error body: JSON of any shape, an HTML page, plain text', () => {
		fc.assert(
			fc.property(
				fc.oneof(hostileText, fc.anything()),
				fc.integer({ min: 100, max: 599 }),
				(body, status) => {
					const words = apiErrorMessage(body);
					expect(words === undefined || words.length <= 1000).toBe(true);
					const failure = describeRefusal(status, undefined, body);
					expect(typeof failure.message).toBe('string');
				},
			),
			options,
		);
	});

	test('rate-limit and Retry-After headers', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.constantFrom(
						'x-ratelimit-limit-requests',
						'x-ratelimit-remaining-requests',
						'x-ratelimit-reset-requests',
						'x-ratelimit-limit-tokens',
						'x-ratelimit-remaining-tokens',
						'x-ratelimit-reset-tokens',
						'retry-after',
						'retry-after-ms',
					),
					hostileText,
				),
				(headers) => {
					readRateLimits(headers);
					retryAfterMs(headers);
					for (const value of Object.values(headers)) {
						const ms = resetToMs(value);
						expect(ms === undefined || typeof ms === 'number').toBe(true);
					}
				},
			),
			options,
		);
	});

	test('the errors of the HTTP client, whatever they hold', () => {
		fc.assert(
			fc.property(fc.anything(), (error) => void networkCause(error)),
			options,
		);
	});

	test("the user's Base URL, Extra Headers, Stop Sequences and Logit Bias", () => {
		fc.assert(
			fc.property(hostileText, fc.anything(), (text, value) => {
				expect(typeof apiBaseUrl(text)).toBe('string');
				onlyThrows(() => parseExtraHeaders(text), ApplicationError);
				onlyThrows(() => parseExtraHeaders(value), ApplicationError);
				onlyThrows(() => checkStopSequences(value), InputProblem);
				onlyThrows(() => checkStopSequences(text), InputProblem);
				onlyThrows(() => parseLogitBias(text), InputProblem);
			}),
			// Found by a CI run: a header whose value is an object that cannot become text.
			{ ...options, examples: [['{"":{"toString":0}}', { toString: 0 }]] },
		);
	});

	test('deep nesting is found without walking it', () => {
		const deep = `${'['.repeat(1e6)}${']'.repeat(1e6)}`;
		expect(nestsDeeperThan(deep, 256)).toBe(true);
		expect(nestsDeeperThan('"[[[[[["', 2)).toBe(false);
		expect(() => decodeBody(Buffer.from(deep))).toThrow(AnswerProblem);
		const nestedStops = JSON.parse(deep);
		onlyThrows(() => checkStopSequences(nestedStops), InputProblem);
		const nestedError = JSON.parse(`${'{"error":'.repeat(1e5)}1${'}'.repeat(1e5)}`);
		expect(apiErrorMessage(nestedError)).toBeUndefined();
	});
});

/** The time of one call, from as many calls as fit in 20 ms, best of three (one if slow). */
function callMs(run: () => unknown): number {
	let best = Number.POSITIVE_INFINITY;
	for (let round = 0; round < 3 && (round === 0 || best < 200); round++) {
		let calls = 0;
		const start = performance.now();
		do {
			run();
			calls++;
		} while (performance.now() - start < 20);
		best = Math.min(best, (performance.now() - start) / calls);
	}
	return best;
}

interface Adversary {
	name: string;
	/** The worst known input of about `size` characters. */
	input: (size: number) => string;
	parse: (input: string) => unknown;
}

const html = (size: number, piece: string) =>
	`<html>${piece.repeat(Math.ceil(size / piece.length))}`;
const adversaries: Adversary[] = [
	{
		name: 'code fence opened, whitespace, no closing fence',
		input: (size) => `\`\`\`json\n${' '.repeat(size)}.`,
		parse: (text) => withoutCodeFence(text),
	},
	{
		name: 'code fence with whitespace runs inside',
		input: (size) => `\`\`\`json${' \n'.repeat(size / 2)}x\`\`\``,
		parse: (text) => withoutCodeFence(text),
	},
	{
		name: 'an error page of unclosed script tags',
		input: (size) => html(size, '<script'),
		parse: (text) => apiErrorMessage(text),
	},
	{
		name: 'an error page of unclosed title and tags',
		input: (size) => html(size, '<title <a '),
		parse: (text) => apiErrorMessage(text),
	},
	{
		name: 'an error page of lone angle brackets',
		input: (size) => html(size, '<'),
		parse: (text) => apiErrorMessage(text),
	},
	{
		name: 'an event stream of whitespace lines',
		input: (size) => `data: {}\n${' \r\n'.repeat(size / 3)}data: [DONE]\n`,
		parse: (text) => assembleEventStream(text),
	},
	{
		name: 'a reset header of digits with no unit',
		input: (size) => `${'1'.repeat(size)}x`,
		parse: (text) => resetToMs(text),
	},
	{
		name: 'a reset header of many duration parts',
		input: (size) => '1m'.repeat(size / 2),
		parse: (text) => resetToMs(text),
	},
	{
		name: 'a usage count hunted in a body of digits',
		input: (size) => `"total_tokens": ${'1'.repeat(size)}`,
		parse: (text) => tokensUsed(text),
	},
	{
		name: 'a Base URL of slashes',
		input: (size) => `http://host${'/'.repeat(size)}x`,
		parse: (text) => apiBaseUrl(text),
	},
	{
		name: 'a body of nesting to measure',
		input: (size) => '['.repeat(size),
		parse: (text) => nestsDeeperThan(text, 256),
	},
	{
		name: 'Extra Headers of many lines',
		input: (size) => 'X-A: b\n'.repeat(size / 7),
		parse: (text) => parseExtraHeaders(text),
	},
];

describe('ten times the input costs about ten times the time', () => {
	test.each(adversaries)('$name', ({ input, parse }) => {
		const safely = (size: number) => {
			const text = input(size);
			return () => onlyThrows(() => parse(text), Error);
		};
		// Small sizes first, so that a cubic parser fails in seconds instead of running for hours.
		for (const size of [100, 20_000]) {
			// Linear is 10; quadratic would be 100. Measured again (up to three times) when another
			// process's load makes one measurement look worse than it is.
			let ratio = Number.POSITIVE_INFINITY;
			for (let attempt = 0; attempt < 3 && ratio >= 30; attempt++) {
				callMs(safely(size));
				ratio = Math.min(ratio, callMs(safely(10 * size)) / callMs(safely(size)));
			}
			expect([size, ratio]).toEqual([size, expect.any(Number)]);
			expect(ratio).toBeLessThan(30);
		}
	});
});
