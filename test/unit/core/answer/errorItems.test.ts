import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorItem, errorItemJson } from '../../../../nodes/core/answer/errorItems';
import { RequestError } from '../../../../nodes/core/errors/nodeErrors';
import { allTextIn } from '../../../support/fixtures';

const node = { name: 'Vision Chat', type: 'visionChat', typeVersion: 1.1 } as INode;
const refused = new RequestError(node, {
	itemIndex: 2,
	message: 'the API answered 400: bad image',
	description: 'Check the image.',
	cause: { message: 'bad image' },
	retry: { retryable: false },
	report: { status: 400, apiMessage: 'bad image' },
});
const input = { fileName: 'dog.png', error: 'an old field' };

test('an error item tells the message, what a workflow filters by, and the hint', () => {
	expect(errorItemJson(refused)).toEqual({
		error: 'The API answered 400: bad image [item 2]',
		status: 400,
		apiMessage: 'bad image',
		hint: 'Check the image.',
	});
	expect(errorItemJson(new Error('plain'))).toEqual({ error: 'plain', status: null, hint: null });
});

test("on the regular output: with or without the input's fields, the error's fields winning a clash", () => {
	const place = { itemIndex: 2, input, errorOutput: false };
	expect(errorItem(refused, { ...place, includeInput: true }).json).toMatchObject({
		error: 'The API answered 400: bad image [item 2]',
		fileName: 'dog.png',
	});
	expect(errorItem(refused, { ...place, includeInput: false }).json).not.toHaveProperty('fileName');
});

test("on n8n's error output: nothing but error and message, whatever Include Input Fields says (n8n adds the input)", () => {
	for (const includeInput of [true, false]) {
		const item = errorItem(refused, { itemIndex: 2, input, errorOutput: true, includeInput });
		expect(item).toEqual({
			json: { error: 'The API answered 400: bad image [item 2]', message: 'Check the image.' },
			pairedItem: { item: 2 },
		});
	}
	const noHint = errorItem(new Error('plain'), {
		itemIndex: 0,
		input,
		errorOutput: true,
		includeInput: true,
	});
	expect(noHint.json).toEqual({ error: 'plain' });
});

test("a node's own errors pass as they are; anything else keeps only its message and hint", () => {
	expect(asNodeError(node, refused, 2)).toBe(refused);
	const raw = Object.assign(new Error('boom'), {
		description: 'why',
		request: { headers: { Authorization: 'Bearer sk' } },
	});
	const wrapped = asNodeError(node, raw, 1);
	expect(wrapped).toBeInstanceOf(NodeOperationError);
	expect(wrapped.message).toBe('boom');
	expect(wrapped.description).toBe('why');
	// Nowhere in it: not in its message, cause, context or anything n8n might store.
	expect(allTextIn(wrapped).join('\n')).not.toContain('Bearer sk');
	// A thrown object that is no Error would be kept whole as n8n's cause: only its message is.
	const thrown = { message: 'socket closed', request: { headers: { Authorization: 'Bearer sk' } } };
	const fromObject = asNodeError(node, thrown, 1);
	expect(fromObject.message).toBe('socket closed');
	expect(allTextIn(fromObject).join('\n')).not.toContain('Bearer sk');
});
