import { apiErrorMessage } from '../../../../nodes/core/errors/apiMessage';
import { describeRefusal } from '../../../../nodes/core/errors/refusals';

test("apiErrorMessage finds the API's words", () => {
	expect(apiErrorMessage({ error: { message: 'm1' } })).toBe('m1');
	expect(apiErrorMessage({ error: 'm2' })).toBe('m2');
	expect(apiErrorMessage({ detail: 'm3' })).toBe('m3');
	expect(apiErrorMessage('{"error":{"message":"m4"}}')).toBe('m4');
	expect(apiErrorMessage('plain text')).toBe('plain text');
	expect(apiErrorMessage({})).toBeUndefined();
});

test('describeRefusal: message, hint and retryability', () => {
	expect(describeRefusal(429, 'Too Many Requests', { error: { message: 'slow' } })).toMatchObject({
		message: 'the API answered 429: slow',
		retryable: true,
	});
	expect(describeRefusal(401, 'Unauthorized', '')).toMatchObject({
		message: 'the API answered 401: Unauthorized',
		retryable: false,
	});
	for (const status of [400, 401, 403, 404, 413])
		expect(describeRefusal(status, '', {}).retryable).toBe(false);
	for (const status of [408, 409, 429, 500, 502, 503, 504])
		expect(describeRefusal(status, '', {}).retryable).toBe(true);
	expect(describeRefusal(301, '', '', 'https://new.test').description).toContain(
		'https://new.test',
	);
});

test('a 404 that names the model is about the model; one that names nothing is about the address', () => {
	const sent = { url: 'https://api.example.test/v1/chat/completions', model: 'gpt-4o-mini-typo' };
	const model = describeRefusal(
		404,
		'Not Found',
		{ error: { message: "The model 'gpt-4o-mini-typo' does not exist" } },
		undefined,
		sent,
	);
	expect(model.description).toBe(
		'This API does not know the model "gpt-4o-mini-typo": pick one from the Model list (From List shows the models this API offers), or check the model ID, on a deployment-based API (Azure) the deployment\'s name.',
	);
	const address = describeRefusal(404, 'Not Found', { detail: 'Not Found' }, undefined, sent);
	expect(address.description).toMatch(
		/^Nothing answers at https:\/\/api\.example\.test\/v1\/chat\/completions, or the model is unknown/,
	);
});
