import type { IDataObject } from 'n8n-workflow';

import { adaptFields, replaceFields } from '../../../nodes/VisionChat/request/adaptations';
import { encodeJsonBody, placeInlineImages } from '../../../nodes/VisionChat/request/jsonBody';
import { buildMessages, promptTurns } from '../../../nodes/VisionChat/request/messages';

const promptMessages = (system: string, prompt: string, urls: string[], detail: 'low') =>
	buildMessages(promptTurns(system, [], prompt, urls.length), urls, detail);
import { decodeDataUrl, makePng } from '../../support/images';

/** A body as the node encodes it: fields first, then the messages with an inline image. */
function encodedBody(fields: IDataObject, image: Buffer) {
	const { urls, placed } = placeInlineImages([{ mimeType: 'image/png', bytes: image }]);
	const messages = promptMessages('Be "exact" – ünïcode </script>', 'Tag\nit', urls, 'low');
	return { body: encodeJsonBody({ ...fields, messages }, placed), messages };
}

const fields = {
	model: 'gpt-4o-mini "quoted" \u2028',
	max_tokens: 300,
	stream: true,
	stream_options: { include_usage: true },
	user: 'ünïcode \\ back',
};

test.each(['withoutStreamOptions', 'maxCompletionTokens'] as const)(
	'%s: the body is the changed fields in their order, then the same messages and image bytes',
	(adaptation) => {
		const image = makePng(3, 3, 7);
		const { body } = encodedBody(fields, image);
		const changed = adaptFields(fields, adaptation)!;
		const parsed = JSON.parse(replaceFields(body, fields, changed).toString('utf8'));
		const { messages, ...rest } = parsed;
		expect(Object.keys(parsed)).toEqual([...Object.keys(changed), 'messages']);
		expect(rest).toEqual(changed);
		expect(messages).toEqual(JSON.parse(body.toString('utf8')).messages);
		expect(decodeDataUrl(messages[1].content[1].image_url.url).bytes).toEqual(image);
	},
);

test('the changes: stream_options dropped; max_tokens sent as max_completion_tokens', () => {
	expect(adaptFields(fields, 'withoutStreamOptions')).not.toHaveProperty('stream_options');
	expect(adaptFields(fields, 'maxCompletionTokens')).toMatchObject({ max_completion_tokens: 300 });
	expect(adaptFields(fields, 'maxCompletionTokens')).not.toHaveProperty('max_tokens');
	expect(adaptFields({ model: 'm' }, 'withoutStreamOptions')).toBeUndefined();
});

test('a body that does not start with the given fields is refused, not spliced', () => {
	const { body } = encodedBody(fields, makePng(2, 2, 1));
	const other = { ...fields, user: 'someone else' };
	expect(() => replaceFields(body, other, { model: 'm' })).toThrow('does not start with');
	expect(() => replaceFields(body, {}, { model: 'm' })).toThrow('always has fields');
});
