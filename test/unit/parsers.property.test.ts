/**
 * Everything the node parses from the network, a model or the user's own text: random and
 * adversarial inputs never throw anything but the node's own error, and an input ten times
 * longer costs about ten times the work: counted (support/parseWork.ts) and every pattern checked
 * statically, never timed, so that a loaded machine cannot fail it.
 */
import fc from 'fast-check';
import { ApplicationError } from 'n8n-workflow';
import fs from 'fs';
import path from 'path';
import { checkSync } from 'recheck';
import ts from 'typescript';

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
import { adversaries, parseQuietly } from '../support/adversaries';
import type { Adversary } from '../support/adversaries';
import { charactersLookedAt } from '../support/parseWork';

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

describe('ten times the input costs about ten times the work', () => {
	/** The characters one parse of the adversary's input of `size` looks at. */
	const work = (adversary: Adversary, size: number) => {
		const text = adversary.input(size);
		return charactersLookedAt(() => parseQuietly(adversary, text));
	};

	test.each(adversaries)('$name', (adversary) => {
		// Linear is 10 at most (less where a fixed part dominates); a scan from every position is 100.
		const [small, medium, large] = [2_000, 20_000, 200_000].map((size) => work(adversary, size));
		expect([2_000, medium / small < 12]).toEqual([2_000, true]);
		expect([20_000, large / medium < 12]).toEqual([20_000, true]);
		// The count sees the parse: reading the input is at least half of it.
		expect(medium).toBeGreaterThanOrEqual(10_000);
	});

	test('a scan that starts again at every position counts as quadratic', () => {
		const rescan = (text: string) => {
			for (let at = 0; at < text.length; at++) text.indexOf('>', at);
		};
		const quadratic: Adversary = {
			name: 'rescan',
			input: (size) => '<'.repeat(size),
			parse: rescan,
		};
		expect(work(quadratic, 20_000) / work(quadratic, 2_000)).toBeGreaterThan(90);
	});
});

/** recheck's own limits are times: without them its answer is the same on a loaded machine. */
const UNTIMED = { timeout: null, incubationTimeout: null };

/** Every pattern literal in the code that ships (nodes/, credentials/). */
function patternsInShippedCode(): Array<{ file: string; pattern: string; flags: string }> {
	const root = path.join(__dirname, '..', '..');
	const files = ['nodes', 'credentials'].flatMap((folder) =>
		fs
			.readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.ts'))
			.map((file) => path.join(folder, file)),
	);
	return files.flatMap((file) => {
		const source = ts.createSourceFile(
			file,
			fs.readFileSync(path.join(root, file), 'utf8'),
			ts.ScriptTarget.Latest,
			true,
		);
		const found: Array<{ file: string; pattern: string; flags: string }> = [];
		const visit = (node: ts.Node) => {
			if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
				const literal = node.getText(source);
				const end = literal.lastIndexOf('/');
				found.push({ file, pattern: literal.slice(1, end), flags: literal.slice(end + 1) });
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
		return found;
	});
}

test('no pattern in the shipped code can backtrack more than linearly (recheck, a static analysis)', () => {
	const patterns = patternsInShippedCode();
	expect(patterns.length).toBeGreaterThan(50);
	const unsafe = patterns
		.map((found) => ({ ...found, status: checkSync(found.pattern, found.flags, UNTIMED).status }))
		.filter(({ status }) => status !== 'safe');
	expect(unsafe).toEqual([]);
	// The analysis does tell a quadratic pattern from a linear one.
	expect(checkSync('\\s+$', '', UNTIMED).status).toBe('vulnerable');
	expect(checkSync('\\s*$', 'y', UNTIMED).status).toBe('safe');
});
