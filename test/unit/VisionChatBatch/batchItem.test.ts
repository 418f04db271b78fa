import type { INode } from 'n8n-workflow';

import { submittedBatchOf, withSubmittedBatch } from '../../../nodes/VisionChatBatch/batchItem';

const node = { name: 'Vision Chat Batch', type: 'visionChatBatch', typeVersion: 1 } as INode;
const batch = { id: 'batch_1', customId: 'photo.png', responseFormat: 'json_object' };

test('Submit writes where the answer will be beside the input fields; Get Results and Cancel read it back', () => {
	const json = withSubmittedBatch({ fileName: 'photo.png' }, batch);
	expect(json).toEqual({ fileName: 'photo.png', batch });
	expect(submittedBatchOf(node, json, 0, 'answer')).toEqual(batch);
	expect(submittedBatchOf(node, { batch: { id: ' batch_2 ' } }, 0, 'id').id).toBe('batch_2');
});

test.each([
	[
		'no batch at all',
		{},
		'id',
		'Batch: the item has no batch ID under "batch": connect the output of Submit [item 4]',
	],
	[
		'an empty ID',
		{ batch: { id: '', customId: 'x' } },
		'answer',
		'Batch: the item has no batch ID',
	],
	['an ID but no custom ID', { batch: { id: 'b' } }, 'answer', 'Batch: the item has no custom ID'],
] as const)('an item with %s is its own error, naming the item', (_label, json, needs, message) => {
	expect(() => submittedBatchOf(node, json, 4, needs)).toThrow(message);
});

test('Cancel needs only the ID; the hint says where each operation reads it', () => {
	expect(submittedBatchOf(node, { batch: { id: 'b' } }, 0, 'id')).toMatchObject({ id: 'b' });
	const hint = (needs: 'answer' | 'id'): string => {
		try {
			submittedBatchOf(node, {}, 0, needs);
			return 'no error';
		} catch (error) {
			return (error as { description: string }).description;
		}
	};
	expect(hint('answer')).toContain('set Batch From to Batch ID');
	expect(hint('id')).toContain('Nothing was sent for this item.');
});
