import { networkCause } from '../../../../nodes/core/errors/networkCause';

describe('networkCause', () => {
	test('reads the code from a cause chain (n8n versions that keep the client error)', () => {
		const axiosError = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
		expect(networkCause({ message: 'wrapped', cause: axiosError })).toEqual({
			code: 'ECONNRESET',
			detail: 'read ECONNRESET',
		});
	});
	test('reads the client words n8n keeps in messages', () => {
		expect(
			networkCause({
				message: 'The connection was aborted, perhaps the server is offline',
				messages: ['timeout of 500ms exceeded'],
			}),
		).toEqual({
			code: 'ECONNABORTED',
			detail: 'timeout of 500ms exceeded',
		});
		expect(networkCause({ message: 'x', messages: ['connect ECONNREFUSED 127.0.0.1:9'] })).toEqual({
			code: 'ECONNREFUSED',
			detail: 'connect ECONNREFUSED 127.0.0.1:9',
		});
	});
	test('is undefined for other errors', () =>
		expect(networkCause(new Error('Cannot read properties of undefined'))).toBeUndefined());
});
