import { fieldsForGateway } from '../../../../nodes/core/body/gatewayFormats';
import { withAnswerInstruction } from '../../../../nodes/core/body/answerInstruction';
import { providerTable } from '../../../support/providerTable';

const schema = { type: 'object', properties: { total: { type: 'number' } } };
const fields = {
	model: 'm',
	response_format: { type: 'json_schema', json_schema: { name: 'fields', schema, strict: true } },
};
/** What the README's Fields column says a row sends, in the body's terms. */
const sentAs = (words: string) =>
	/^JSON Object/.test(words)
		? 'json_object'
		: /^schema in the system message/.test(words)
			? 'none'
			: 'json_schema';

test.each(providerTable('README.md'))(
	"$name: the body's response_format is what the README's Fields column says ($fields)",
	({ baseUrl, fields: words }) => {
		const sent = fieldsForGateway(fields, baseUrl).fields;
		const type = (sent.response_format as { type?: string } | undefined)?.type ?? 'none';
		expect(type).toBe(sentAs(words));
		// Where the schema is not sent as such, the system message carries it.
		const messages = withAnswerInstruction(
			[{ role: 'user', content: 'Read it' }],
			{ schema },
			sent,
		);
		expect(messages.length).toBe(type === 'json_schema' ? 1 : 2);
	},
);

test('the Chinese README says the same of each row', () => {
	const chinese = (words: string) =>
		/^JSON Object/.test(words)
			? 'json_object'
			: /^schema 写进/.test(words)
				? 'none'
				: 'json_schema';
	const rows = (file: string, read: (words: string) => string) =>
		providerTable(file)
			.map(({ baseUrl, fields: words }) => `${baseUrl} ${read(words)}`)
			.sort();
	expect(rows('README.zh-CN.md', chinese)).toEqual(rows('README.md', sentAs));
});

test('a body that is not json_schema, or a gateway not in the table, is left as it is', () => {
	const jsonObject = { model: 'm', response_format: { type: 'json_object' } };
	expect(fieldsForGateway(jsonObject, 'https://api.deepseek.com').fields).toBe(jsonObject);
	expect(fieldsForGateway(fields, 'http://127.0.0.1:9/v1')).toEqual({ fields, notices: [] });
	expect(fieldsForGateway(fields, 'not a url').fields).toBe(fields);
});
