import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { limiterKey } from '../../../../nodes/VisionChat/limiter/registry';
import { runCredentials } from '../../../../nodes/VisionChat/send/runCredentials';

const CREDENTIAL = { apiKey: 'sk-unit-0000', baseUrl: 'https://api.example.com/v1' };

/** An item's context in a node run: `run` is the execute data n8n hands every item of that run. */
function itemOf(run: object | undefined, read: () => Promise<object>) {
	return {
		getExecuteData: () => run,
		getCredentials: read,
		getNode: () => ({ credentials: { visionChatApi: { id: 'c1', name: 'My API' } } }),
	} as unknown as IExecuteSingleFunctions;
}

test('the items of one node run share one read of the credential; another run reads it again', async () => {
	const read = jest.fn(async () => ({ ...CREDENTIAL }));
	const run = {};
	const items = Array.from({ length: 50 }, () => itemOf(run, read));
	const results = await Promise.all(items.map(runCredentials));
	expect(read).toHaveBeenCalledTimes(1);
	expect(new Set(results).size).toBe(1);
	expect(results[0]).toEqual({
		decrypted: { id: 'c1', name: 'My API', type: 'visionChatApi', data: CREDENTIAL },
		limiterKey: limiterKey(CREDENTIAL),
	});

	await runCredentials(itemOf({}, read));
	expect(read).toHaveBeenCalledTimes(2);
});

test('a failed read is not kept: the next item of the run reads again', async () => {
	const run = {};
	const failing = jest.fn(async () => {
		throw new Error('Credential not found');
	});
	await expect(runCredentials(itemOf(run, failing))).rejects.toThrow('Credential not found');
	const read = jest.fn(async () => ({ ...CREDENTIAL }));
	await expect(runCredentials(itemOf(run, read))).resolves.toMatchObject({
		decrypted: { data: CREDENTIAL },
	});
	expect(read).toHaveBeenCalledTimes(1);
});

test('without execute data (not a workflow run) each item reads it', async () => {
	const read = jest.fn(async () => ({ ...CREDENTIAL }));
	await runCredentials(itemOf(undefined, read));
	await runCredentials(itemOf(undefined, read));
	expect(read).toHaveBeenCalledTimes(2);
});
