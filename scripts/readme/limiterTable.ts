import { AUTOMATIC_MAX_CONCURRENT } from '../../nodes/core/item/settings';
import {
	FORGET_AFTER_IDLE_MS,
	INITIAL_LIMIT,
	MAX_PROBE_ROUNDS,
	PROBE_ROUNDS,
	RESTART_AFTER_IDLE_MS,
	SHARED_PROBE_ROUNDS,
} from '../../nodes/VisionChat/limiter/policyState';
import { SHARED_CUT } from '../../nodes/VisionChat/limiter/pushBack';
import type { Language } from './providerTable';

const seconds = (ms: number) => ms / 1000;

/** Pure: the limiter's numbers as a README table, from the constants the limiter runs on. */
export function limiterTable(language: Language): string {
	const rows: Record<Language, Array<[string, string]>> = {
		en: [
			['Requests at once when a key starts (Adaptive Concurrency)', String(INITIAL_LIMIT)],
			[
				'Automatic Max Concurrent Requests',
				`${AUTOMATIC_MAX_CONCURRENT.unstated} (without rate-limit headers), ${AUTOMATIC_MAX_CONCURRENT.stated} (headers stating a per-second or per-minute limit)`,
			],
			[
				'Rounds of clean answers before a probe for one more, after a push-back',
				`${PROBE_ROUNDS} (at a limit of 8), doubling after each refused probe up to ${MAX_PROBE_ROUNDS}`,
			],
			[
				'A key shared with other processes: what a 429 keeps of the limit, and the next probe',
				`${SHARED_CUT}; ${SHARED_PROBE_ROUNDS} rounds away (at a limit of 8)`,
			],
			[
				'Idle time after which a key slow-starts back to its limit',
				`${seconds(RESTART_AFTER_IDLE_MS)} s`,
			],
			['Idle time after which a key forgets what it learned', `${seconds(FORGET_AFTER_IDLE_MS)} s`],
		],
		zh: [
			['一个密钥开始时同时发出的请求数（Adaptive Concurrency）', String(INITIAL_LIMIT)],
			[
				'自动的 Max Concurrent Requests',
				`${AUTOMATIC_MAX_CONCURRENT.unstated}（没有限流响应头），${AUTOMATIC_MAX_CONCURRENT.stated}（响应头声明了每秒或每分钟的限制）`,
			],
			[
				'被拒绝后，再试探多一个之前需要的干净回答轮数',
				`${PROBE_ROUNDS}（上限为 8 时），每次试探被拒绝后加倍，最多 ${MAX_PROBE_ROUNDS}`,
			],
			[
				'与其它进程共用密钥时：每个 429 保留上限的比例，以及下一次试探',
				`${SHARED_CUT}；推迟到 ${SHARED_PROBE_ROUNDS} 轮之后（上限为 8 时）`,
			],
			['闲置多久后，密钥以慢启动回到它的上限', `${seconds(RESTART_AFTER_IDLE_MS)} 秒`],
			['闲置多久后，密钥忘掉学到的一切', `${seconds(FORGET_AFTER_IDLE_MS)} 秒`],
		],
	};
	const header = language === 'en' ? ['The limiter', 'Value'] : ['限流器', '值'];
	return [
		`| ${header.join(' | ')} |`,
		'| --- | --- |',
		...rows[language].map((cells) => `| ${cells.join(' | ')} |`),
	].join('\n');
}
