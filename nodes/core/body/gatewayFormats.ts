import type { IDataObject } from 'n8n-workflow';

/**
 * The gateways whose documentation says they take no `json_schema` response format: JSON Object
 * only (DeepSeek, Zhipu GLM, Moonshot Kimi, Alibaba's Qwen-VL models), or none at all
 * (Anthropic's OpenAI compatibility ignores response_format). The README's provider table says
 * the same; any other gateway that refuses json_schema is recognised by its refusal
 * (errors/quirks.ts) and adapted the same way.
 */
const WITHOUT_JSON_SCHEMA: Array<{ host: RegExp; takes: 'json_object' | 'prompt' }> = [
	{ host: /(^|\.)deepseek\.com$/, takes: 'json_object' },
	{ host: /(^|\.)bigmodel\.cn$|(^|\.)z\.ai$/, takes: 'json_object' },
	{ host: /(^|\.)moonshot\.(cn|ai)$/, takes: 'json_object' },
	{ host: /(^|\.)aliyuncs\.com$/, takes: 'json_object' },
	{ host: /(^|\.)anthropic\.com$/, takes: 'prompt' },
];

function hostOf(baseUrl: string): string {
	try {
		return new URL(baseUrl).hostname.toLowerCase();
	} catch {
		return '';
	}
}

/**
 * Pure: the body's fields as the gateway at this Base URL takes them: where it is known to take
 * no json_schema, JSON Object (or no response_format), so that the schema goes in the messages
 * (answerInstruction.ts); and what the output item says of it.
 */
export function fieldsForGateway(
	fields: IDataObject,
	baseUrl: string | undefined,
): { fields: IDataObject; notices: string[] } {
	const format = fields.response_format as IDataObject | undefined;
	const known = WITHOUT_JSON_SCHEMA.find(({ host }) => host.test(hostOf(baseUrl ?? '')));
	if (format?.type !== 'json_schema' || !known) return { fields, notices: [] };
	const { response_format: _schema, ...rest } = fields;
	const changed =
		known.takes === 'json_object' ? { ...rest, response_format: { type: 'json_object' } } : rest;
	const how = known.takes === 'json_object' ? 'JSON Object' : 'text';
	return {
		fields: changed,
		notices: [
			`This API takes no json_schema: the answer was asked for as ${how}, with the schema in the system message, and checked against it.`,
		],
	};
}
