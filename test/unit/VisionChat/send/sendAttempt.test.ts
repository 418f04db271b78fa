import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendAttempt } from '../../../../nodes/VisionChat/send/sendAttempt';
import type { AnswerStep } from '../../../../nodes/VisionChat/send/sendAttempt';

const DECRYPTED = { id: 'c1', name: 'My API', type: 'visionChatApi', data: { apiKey: 'sk-unit' } };

test("sends with the run's credential through n8n's helper, asking for the whole response; the steps read it in order", async () => {
	const response = { statusCode: 200, headers: {}, body: { id: 'chatcmpl-1' } };
	const helper = jest.fn(async () => response);
	const context = {
		helpers: { httpRequestWithAuthentication: helper },
	} as unknown as IExecuteSingleFunctions;
	const seen: string[] = [];
	const step = (name: string): AnswerStep =>
		async function (this: IExecuteSingleFunctions, items, answer) {
			expect(this).toBe(context);
			expect(answer).toBe(response);
			seen.push(`${name}:${JSON.stringify(items.map((item) => item.json))}`);
			return [{ json: { from: name } }] as INodeExecutionData[];
		};

	const items = await sendAttempt(
		context,
		{ url: '/chat/completions', method: 'POST', body: Buffer.from('{}') },
		DECRYPTED,
		[step('first'), step('second')],
	);

	expect(helper).toHaveBeenCalledWith(
		'visionChatApi',
		{
			url: '/chat/completions',
			method: 'POST',
			body: Buffer.from('{}'),
			returnFullResponse: true,
		},
		{ credentialsDecrypted: DECRYPTED },
	);
	expect(seen).toEqual(['first:[{"id":"chatcmpl-1"}]', 'second:[{"from":"first"}]']);
	expect(items).toEqual([{ json: { from: 'second' } }]);
});

test("a failure of n8n's helper is the attempt's failure, before any step", async () => {
	const context = {
		helpers: {
			httpRequestWithAuthentication: async () => {
				throw new Error('socket hang up');
			},
		},
	} as unknown as IExecuteSingleFunctions;
	const step = jest.fn(async (items: INodeExecutionData[]) => items);
	await expect(
		sendAttempt(context, { url: '/chat/completions' }, DECRYPTED, [step]),
	).rejects.toThrow('socket hang up');
	expect(step).not.toHaveBeenCalled();
});
