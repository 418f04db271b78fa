import type { Provider } from './provider';

/** Servers a user runs, and a proxy in front of other providers, as the provider table lists them. */
export const SELF_HOSTED: Provider[] = [
	{
		name: 'Ollama (local)',
		baseUrl: 'http://localhost:11434/v1',
		chatUrl: 'http://localhost:11434/v1/chat/completions',
		model: 'qwen2.5vl',
		batch: { is: 'no' },
		schema: { is: 'json_schema' },
		documents: { is: 'not checked' },
		notes: {
			en: 'any API key, e.g. `ollama`; older versions take images only as binary, not URLs',
			zh: 'API Key 随意填，例如 `ollama`；旧版本只接受 base64 图片（用二进制图片，不用 URL）',
		},
	},
	{
		name: 'vLLM',
		baseUrl: 'http://localhost:8000/v1',
		chatUrl: 'http://localhost:8000/v1/chat/completions',
		model: 'Qwen/Qwen2.5-VL-7B-Instruct',
		batch: {
			is: 'no',
			more: { en: '`vllm run-batch` is offline', zh: '`vllm run-batch` 只能离线使用' },
		},
		schema: { is: 'json_schema' },
		documents: { is: 'not checked' },
		notes: { en: 'the model as you serve it', zh: '填你部署时的模型名' },
	},
	{
		name: 'LM Studio',
		baseUrl: 'http://localhost:1234/v1',
		chatUrl: 'http://localhost:1234/v1/chat/completions',
		model: 'qwen2.5-vl-7b-instruct',
		batch: { is: 'no' },
		schema: { is: 'json_schema' },
		documents: { is: 'not checked' },
	},
	{
		name: 'LiteLLM proxy',
		baseUrl: 'http://localhost:4000',
		chatUrl: 'http://localhost:4000/v1/chat/completions',
		model: { en: 'your `model_name`', zh: '你的 `model_name`' },
		batch: {
			is: 'yes',
			more: {
				en: "where the model's provider has one; LiteLLM passes `/files` and `/batches` on",
				zh: '前提是模型所在服务商支持；LiteLLM 转发 `/files` 和 `/batches`',
			},
		},
		schema: { is: 'per model' },
		documents: { is: 'not checked' },
		notes: { en: 'a bare host gets `/v1`', zh: '只有主机名时自动补 `/v1`' },
	},
];
