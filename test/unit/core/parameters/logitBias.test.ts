import { parseLogitBias } from '../../../../nodes/core/parameters/logitBias';

test('parseLogitBias', () => {
	expect(parseLogitBias('{"1": 5, "2": -100}')).toEqual({ 1: 5, 2: -100 });
	expect(parseLogitBias({ 3: '7' })).toEqual({ 3: 7 });
	expect(() => parseLogitBias('nope')).toThrow('is not valid JSON');
	expect(() => parseLogitBias('{"1.5": 1}')).toThrow('not a token ID');
});
