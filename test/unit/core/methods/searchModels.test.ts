import { modelList } from '../../../../nodes/core/methods/searchModels';

test('modelList: every ID, sorted, filtered by the search text only', () => {
	const body = { data: [{ id: 'b' }, { id: 'A-vision' }, { id: 'c-VISION' }, { id: '' }] };
	expect(modelList(body).results.map((result) => result.value)).toEqual([
		'A-vision',
		'b',
		'c-VISION',
	]);
	expect(modelList(body, 'vision').results.map((result) => result.value)).toEqual([
		'A-vision',
		'c-VISION',
	]);
	expect(modelList({}).results).toEqual([]);
});
