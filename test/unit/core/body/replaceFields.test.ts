import type { IDataObject } from 'n8n-workflow';

import { appendMessages, replaceFields } from '../../../../nodes/core/body/replaceFields';
import { QUIRKS } from '../../../../nodes/core/errors/quirks';
import { encodeJsonBody } from '../../../../nodes/core/body/jsonBody';
import { place } from './placeImages';

import { buildMessages, promptTurns } from '../../../../nodes/core/item/messages';

const promptMessages = (system: string, prompt: string, urls: string[], detail: 'low') =>
	buildMessages(promptTurns(system, [], prompt, urls.length), urls, detail);
import { decodeDataUrl, makePng } from '../../../support/images';

/** A body as the node encodes it: fields first, then the messages with an inline image. */
function encodedBody(fields: IDataObject, image: Buffer) {
	const { urls, placed } = place([{ mimeType: 'image/png', bytes: image }]);
	const messages = promptMessages('Be "exact" – ünïcode </script>', 'Tag\nit', urls, 'low');
	return { body: encodeJsonBody({ ...fields, messages }, placed), messages };
}

const fields = {
	model: 'gpt-4o-mini "quoted" \u2028',
	max_tokens: 300,
	stream: true,
	stream_options: { include_usage: true },
	user: 'ünïcode \\ back',
	response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object' } } },
};

const adaptations = QUIRKS.flatMap((quirk) => (quirk.adaptation ? [quirk.adaptation] : []));

test.each(adaptations.map((adaptation) => [adaptation.notice, adaptation]))(
	'%s: the body is the changed fields in their order, then the same messages and image bytes',
	(_notice, adaptation) => {
		const image = makePng(3, 3, 7);
		const { body } = encodedBody(fields, image);
		const changed = adaptation.change(fields)!;
		const parsed = JSON.parse(replaceFields(body, fields, changed).toString('utf8'));
		const { messages, ...rest } = parsed;
		expect(Object.keys(parsed)).toEqual([...Object.keys(changed), 'messages']);
		expect(rest).toEqual(changed);
		expect(messages).toEqual(JSON.parse(body.toString('utf8')).messages);
		expect(decodeDataUrl(messages[1].content[1].image_url.url).bytes).toEqual(image);
	},
);

test('a body that does not start with the given fields is refused, not spliced', () => {
	const { body } = encodedBody(fields, makePng(2, 2, 1));
	const other = { ...fields, user: 'someone else' };
	expect(() => replaceFields(body, other, { model: 'm' })).toThrow('does not start with');
	expect(() => replaceFields(body, {}, { model: 'm' })).toThrow('always has fields');
});

test('more messages go at the end of the messages, the bytes before them (the image) as they were', () => {
	const image = makePng(3, 3, 7);
	const { body } = encodedBody(fields, image);
	const added = [
		{ role: 'assistant', content: '{"total": "twelve"}' },
		{ role: 'user', content: 'again' },
	];
	const longer = appendMessages(body, added);
	expect(longer.subarray(0, body.length - 2)).toEqual(body.subarray(0, body.length - 2));
	const parsed = JSON.parse(longer.toString('utf8'));
	expect(parsed.messages).toEqual([...JSON.parse(body.toString('utf8')).messages, ...added]);
	expect(() => appendMessages(Buffer.from('{"model":"m"}'), added)).toThrow(
		'the body does not end with its messages',
	);
});
