import { nextStep } from '../../../../nodes/VisionChat/send/nextStep';
import type { TriesSoFar } from '../../../../nodes/VisionChat/send/nextStep';
import type { RetryAdvice } from '../../../../nodes/core/errors/retry';

const FRESH: TriesSoFar = { retries: 0, pushBacks: 0, changes: 0, reasked: false };
const SETTINGS = { maxRetries: 2, maxRetryWaitMs: 60_000 };
/** The jitter's top: the whole backoff. */
const HIGH = () => 1;

const dropStreamOptions = {
	change: ({ stream_options: refused, ...rest }: Record<string, unknown>) =>
		refused === undefined ? undefined : rest,
	notice: 'sent again without stream_options',
};
const reask = { answer: '{}', problems: ['"total" is missing'], usage: { total_tokens: 9 } };

const step = (advice: RetryAdvice, sofar: Partial<TriesSoFar> = {}, cancelled = false) =>
	nextStep(
		advice,
		{ model: 'm', stream_options: {} },
		{ ...FRESH, ...sofar },
		SETTINGS,
		cancelled,
		HIGH,
	);

test.each([
	[
		'a known refusal whose change applies: the change, at once',
		{ retryable: false, adaptation: dropStreamOptions },
		{},
		{ kind: 'change', fields: { model: 'm' }, notice: 'sent again without stream_options' },
	],
	[
		'the fifth change of one request: no more changes, and a refusal is not retried',
		{ retryable: false, adaptation: dropStreamOptions },
		{ changes: 4 },
		{ kind: 'fail', tries: 5 },
	],
	[
		'an answer its schema does not take: asked once more',
		{ retryable: false, reask },
		{},
		{ kind: 'reask', reask },
	],
	[
		'asked once already: the end, counting both answers',
		{ retryable: false, reask },
		{ reasked: true },
		{ kind: 'fail', tries: 2 },
	],
	[
		'a 5xx: the first retry after 1 s',
		{ retryable: true },
		{},
		{ kind: 'wait', ms: 1000, pushedBack: false },
	],
	[
		'the second after 2 s',
		{ retryable: true },
		{ retries: 1 },
		{ kind: 'wait', ms: 2000, pushedBack: false },
	],
	[
		'past Max Retries (2): the end after 3 tries',
		{ retryable: true },
		{ retries: 2 },
		{ kind: 'fail', tries: 3 },
	],
	[
		'a 429 with Retry-After: as long as asked, counted as a push-back',
		{ retryable: true, answered429: true, retryAfterMs: 7000 },
		{ retries: 2 },
		{ kind: 'wait', ms: 7000, pushedBack: true },
	],
	[
		'Retry-After beyond Max Retry Wait: Max Retry Wait',
		{ retryable: true, answered429: true, retryAfterMs: 600_000 },
		{},
		{ kind: 'wait', ms: 60_000, pushedBack: true },
	],
	[
		'push-backs get five times Max Retries (10): the eleventh try is the end',
		{ retryable: true, answered429: true, retryAfterMs: 10 },
		{ pushBacks: 10, retries: 1 },
		{ kind: 'fail', tries: 12 },
	],
	[
		'a refusal not worth retrying: the end at once',
		{ retryable: false },
		{},
		{ kind: 'fail', tries: 1 },
	],
])('%s', (_, advice, sofar, expected) => {
	expect(step(advice as RetryAdvice, sofar)).toEqual(expected);
});

test('a cancelled execution tries no more', () => {
	expect(step({ retryable: true }, {}, true)).toEqual({ kind: 'fail', tries: 1 });
});
