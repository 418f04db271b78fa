import { fieldsForGateway } from '../../../../nodes/core/body/gatewayFormats';
import { withAnswerInstruction } from '../../../../nodes/core/body/answerInstruction';
import { PROVIDERS } from '../../../../nodes/core/providers';
import type { SchemaForm } from '../../../../nodes/core/providers';

const schema = { type: 'object', properties: { total: { type: 'number' } } };
const fields = {
	model: 'm',
	response_format: { type: 'json_schema', json_schema: { name: 'fields', schema, strict: true } },
};

/** The body's response_format type for an answer with a schema sent as `sent`. */
const typeOf = (sent: Record<string, unknown>) =>
	(sent.response_format as { type?: string } | undefined)?.type ?? 'none';
const typeAt = (baseUrl: string) => typeOf(fieldsForGateway(fields, baseUrl).fields);

/** A provider's schema fact, in the body's terms: where not known, json_schema until refused. */
const sentAs = (form: SchemaForm) =>
	form === 'json_object' ? 'json_object' : form === 'prompt' ? 'none' : 'json_schema';

test.each(PROVIDERS)(
	"$name: the body's response_format is what its schema fact says ($schema.is)",
	({ baseUrl, schema: { is } }) => {
		const sent = fieldsForGateway(fields, baseUrl).fields;
		const type = typeOf(sent);
		expect(type).toBe(sentAs(is));
		// Where the schema is not sent as such, the system message carries it.
		const messages = withAnswerInstruction(
			[{ role: 'user', content: 'Read it' }],
			{ schema },
			sent,
		);
		expect(messages.length).toBe(type === 'json_schema' ? 1 : 2);
	},
);

test.each([
	['https://api.deepseek.com', 'json_object'],
	['https://open.bigmodel.cn/api/paas/v4', 'json_object'],
	['https://api.z.ai/api/paas/v4', 'json_object'],
	['https://api.moonshot.ai/v1', 'json_object'],
	['https://dashscope-intl.aliyuncs.com/compatible-mode/v1', 'json_object'],
	['https://api.anthropic.com/v1', 'none'],
	['https://api.openai.com/v1', 'json_schema'],
	['https://api.groq.com/openai/v1', 'json_schema'],
	['https://notdeepseek.com/v1', 'json_schema'],
	['https://deepseek.com.example/v1', 'json_schema'],
])('an answer with a schema to %s is asked for as %s', (baseUrl, type) => {
	expect(typeAt(baseUrl)).toBe(type);
});

test('a body that is not json_schema, or a gateway not in the table, is left as it is', () => {
	const jsonObject = { model: 'm', response_format: { type: 'json_object' } };
	expect(fieldsForGateway(jsonObject, 'https://api.deepseek.com').fields).toBe(jsonObject);
	expect(fieldsForGateway(fields, 'http://127.0.0.1:9/v1')).toEqual({ fields, notices: [] });
	expect(fieldsForGateway(fields, 'not a url').fields).toBe(fields);
});
