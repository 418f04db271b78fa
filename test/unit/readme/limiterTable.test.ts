import { limiterTable } from '../../../scripts/readme/limiterTable';

test("the limiter's table gives the numbers it runs on, in both languages", () => {
	expect(limiterTable('en').split('\n')).toEqual([
		'| The limiter | Value |',
		'| --- | --- |',
		'| Requests at once when a key starts (Adaptive Concurrency) | 4 |',
		'| Automatic Max Concurrent Requests | 50 (without rate-limit headers), 200 (headers stating a per-second or per-minute limit) |',
		'| Rounds of clean answers before a probe for one more, after a push-back | 8 (at a limit of 8), doubling after each refused probe up to 32 |',
		'| A key shared with other processes: what a 429 keeps of the limit, and the next probe | 0.7; 12 rounds away (at a limit of 8) |',
		'| Idle time after which a key slow-starts back to its limit | 1 s |',
		'| Idle time after which a key forgets what it learned | 60 s |',
	]);
	expect(limiterTable('zh').split('\n')).toHaveLength(8);
	expect(limiterTable('zh')).toContain(
		'| 一个密钥开始时同时发出的请求数（Adaptive Concurrency） | 4 |',
	);
});
