import type { BatchObject } from '../../../nodes/VisionChatBatch/batchApi';
import { formatMetadata } from '../../../nodes/VisionChatBatch/createBatch';
import {
	inSubmissionOrder,
	readingById,
	readingOfItem,
} from '../../../nodes/VisionChatBatch/lineReading';

const schema = { type: 'object', properties: { total: { type: 'number' } } } as never;
const fromFile = {
	formats: new Map([
		['2-c.png', { position: 0, type: 'json_schema', name: 'fields', schema }],
		['0-a.png', { position: 1, type: 'json_schema', name: 'answer', schema }],
		['1-b.png', { position: 2, type: 'text' }],
	]),
};
const refused = { unreadable: 'Not allowed to download files of purpose: batch', refused: true };
const failed = { unreadable: 'the API answered 500', refused: false };
const tooLarge = {
	...failed,
	unreadable: 'the file passed 1 MB',
	advice: 'Raise Max Result File Size.',
};
const batch = (metadata: Record<string, string> | null): BatchObject => ({
	id: 'batch_1',
	status: 'completed',
	metadata,
});
const byVisionChat = batch({ vision_chat_format: 'fields', vision_chat_columns: 'true' });

test('what Submit stores with a batch: the lines’ one format, or mixed, and whether all are columns', () => {
	expect(formatMetadata([{ responseFormat: 'fields', columns: true }])).toEqual({
		vision_chat_format: 'fields',
		vision_chat_columns: 'true',
		vision_chat_schema_in_message: 'false',
	});
	const schemaOnItem = { responseFormat: 'fields', columns: true, schema };
	expect(formatMetadata([schemaOnItem, { responseFormat: 'text' }])).toEqual({
		vision_chat_format: 'mixed',
		vision_chat_columns: 'false',
		vision_chat_schema_in_message: 'true',
	});
});

test("by ID: each line as its input file says; Fields' own schema as columns only when Submit said columns", () => {
	expect(readingById('2-c.png', byVisionChat, fromFile, false)).toEqual({
		parseJson: true,
		answer: { schema, columns: true },
		notices: [],
	});
	// A hand-written JSON Schema stays under parsed.
	expect(readingById('0-a.png', byVisionChat, fromFile, false)).toMatchObject({
		answer: { columns: false },
	});
	expect(readingById('1-b.png', byVisionChat, fromFile, true)).toMatchObject({ parseJson: false });
	// Fields put under parsed at Submit (or a batch of other software): parsed, not columns.
	expect(readingById('2-c.png', batch(null), fromFile, false)).toMatchObject({
		answer: { columns: false },
	});
});

test('by ID without the input file: the metadata, unchecked and said; with neither, text and said', () => {
	const unchecked = readingById('2-c.png', byVisionChat, refused, false);
	expect(unchecked).toEqual({
		parseJson: true,
		answer: { columns: true },
		notices: [
			"The answer was not checked against its schema: the batch's input file, which holds it, could not be read (Not allowed to download files of purpose: batch).",
		],
	});
	expect(readingById('2-c.png', batch(null), refused, false)).toEqual({
		parseJson: false,
		notices: [expect.stringMatching(/^This batch does not say what its answers are/)],
	});
	expect(readingById('2-c.png', batch(null), refused, true)).toMatchObject({ parseJson: true });
	const mixed = batch({ vision_chat_format: 'mixed', vision_chat_columns: 'false' });
	expect(readingById('2-c.png', mixed, refused, false)).toMatchObject({ parseJson: false });
});

test('an input file that failed on the way: the line is not read, never unchecked', () => {
	expect(readingById('2-c.png', byVisionChat, failed, false)).toEqual({
		problem:
			"the batch's input file, which holds the schema this answer is checked against, could not be read (the API answered 500): run Get Results again",
	});
	const submitted = { id: 'batch_1', customId: '2-c.png', responseFormat: 'fields', columns: true };
	expect(readingOfItem(submitted, failed)).toHaveProperty('problem');
	// Where running again cannot help, the failure says what can.
	expect(readingOfItem(submitted, tooLarge)).toEqual({
		problem:
			"the batch's input file, which holds the schema this answer is checked against, could not be read (the file passed 1 MB): Raise Max Result File Size.",
	});
	// A line the input file does not have: unchecked and said, running again would not help.
	expect(readingOfItem({ ...submitted, customId: 'other' }, fromFile)).toMatchObject({
		notices: [expect.stringMatching(/could not be read \(the input file has no line "other"\)/)],
	});
	// Text needs no schema: read as it is.
	expect(readingOfItem({ ...submitted, responseFormat: 'text' }, failed)).toMatchObject({
		parseJson: false,
		notices: [],
	});
});

test('a line that asked JSON Object where Submit asked Fields (the schema in its system message): columns, said unchecked', () => {
	const jsonObjectOnly = {
		formats: new Map([['0-a.png', { position: 0, type: 'json_object' }]]),
	};
	const inMessage = batch({ vision_chat_format: 'mixed', vision_chat_schema_in_message: 'true' });
	expect(readingById('0-a.png', byVisionChat, jsonObjectOnly, false)).toMatchObject({
		notices: [],
	});
	expect(readingById('0-a.png', inMessage, jsonObjectOnly, false)).toEqual({
		parseJson: true,
		answer: { schema: undefined, columns: false },
		notices: [
			'The answer was not checked against its schema: the provider takes JSON Object only, so the schema went into the system message.',
		],
	});
});

test("from Submit's items: the schema from the input file; an item of an earlier version keeps its own", () => {
	const submitted = { id: 'batch_1', customId: '2-c.png', responseFormat: 'fields', columns: true };
	expect(readingOfItem(submitted, fromFile)).toEqual({
		parseJson: true,
		answer: { schema, columns: true },
		notices: [],
	});
	const own = { type: 'object' } as never;
	expect(readingOfItem({ ...submitted, schema: own }, refused)).toMatchObject({
		answer: { schema: own },
	});
	expect(readingOfItem(submitted, refused)).toMatchObject({ notices: [expect.any(String)] });
	expect(readingOfItem({ ...submitted, responseFormat: 'json_object' }, refused)).toEqual({
		parseJson: true,
		answer: { schema: undefined, columns: true },
		notices: [],
	});
});

test('rows in the order submitted: the input file’s, else the position the IDs start with', () => {
	const ids = ['1-b.png', '0-a.png', '2-c.png'];
	expect(inSubmissionOrder(ids, fromFile)).toEqual(['2-c.png', '0-a.png', '1-b.png']);
	expect(inSubmissionOrder(['item-10', '2-b.png', 'item-1', 'custom'], refused)).toEqual([
		'item-1',
		'2-b.png',
		'item-10',
		'custom',
	]);
});
