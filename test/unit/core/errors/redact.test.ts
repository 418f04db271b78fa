import { redact } from '../../../../nodes/core/errors/redact';

test('redact', () => {
	expect(redact('key sk-abcdef here sk-abcdef', 'sk-abcdef')).toBe('key *** here ***');
	expect(redact({ a: ['sk-abcdef'] }, 'sk-abcdef')).toEqual({ a: ['***'] });
	expect(redact('abc', '')).toBe('abc');
});
