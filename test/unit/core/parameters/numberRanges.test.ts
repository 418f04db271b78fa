import { checkRange } from '../../../../nodes/core/parameters/numberRanges';

test('checkRange', () => {
	expect(checkRange('T', '1.5', 0, 2)).toBe(1.5);
	expect(() => checkRange('T', 2.01, 0, 2)).toThrow('must be between 0 and 2, got 2.01');
	expect(() => checkRange('T', 'abc', 0, 2)).toThrow('must be a number, got "abc"');
});
