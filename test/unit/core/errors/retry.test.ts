import { retryAfterMs, retryDelayMs } from '../../../../nodes/core/errors/retry';

describe('retryAfterMs', () => {
	const now = Date.parse('2026-11-25T12:00:00Z');
	test.each([
		[{ 'Retry-After': '3' }, 3000],
		[{ 'retry-after': '0.5' }, 500],
		[{ 'retry-after-ms': '250' }, 250],
		[{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
		[{ 'Retry-After': 'Wed, 25 Nov 2026 12:00:07 GMT' }, 7000],
		[{ 'Retry-After': 'Wed, 25 Nov 2026 11:00:00 GMT' }, 0],
		[{ 'Retry-After': 'soon' }, undefined],
		[{}, undefined],
		[undefined, undefined],
	])('%j -> %s', (headers, expected) => expect(retryAfterMs(headers, now)).toBe(expected));
});

describe('retryDelayMs', () => {
	test("the API's wish wins, capped at the maximum wait", () => {
		expect(retryDelayMs(0, 3000, 60_000)).toBe(3000);
		expect(retryDelayMs(0, 90_000, 60_000)).toBe(60_000);
	});
	test('otherwise exponential from 1 s with jitter between half and full', () => {
		expect(retryDelayMs(0, undefined, 60_000, () => 0)).toBe(500);
		expect(retryDelayMs(0, undefined, 60_000, () => 1)).toBe(1000);
		expect(retryDelayMs(3, undefined, 60_000, () => 1)).toBe(8000);
		expect(retryDelayMs(10, undefined, 60_000, () => 1)).toBe(60_000);
	});
});
