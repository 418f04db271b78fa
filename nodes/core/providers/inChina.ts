import type { Provider } from './provider';

/** Providers hosted in China, as the provider table lists them. */
export const IN_CHINA: Provider[] = [
	{
		name: 'DeepSeek',
		baseUrl: 'https://api.deepseek.com',
		chatUrl: 'https://api.deepseek.com/v1/chat/completions',
		model: { en: '(none: text only)', zh: '（无：仅文本）' },
		hosts: ['deepseek.com'],
		batch: { is: 'no' },
		schema: { is: 'json_object' },
		documents: { is: 'none', more: { en: 'text only', zh: '只有文本' } },
		notes: {
			en: '`deepseek-chat` refuses images: the error says so',
			zh: '`deepseek-chat` 不接受图片：错误会直接说明',
		},
	},
	{
		name: 'Alibaba DashScope (Qwen-VL)',
		baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
		chatUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions',
		model: 'qwen-vl-max',
		hosts: ['aliyuncs.com'],
		batch: {
			is: 'yes',
			more: { en: 'Beijing region; Qwen-VL models', zh: '北京地域；Qwen-VL 系列' },
		},
		schema: { is: 'json_object' },
		documents: { is: 'not checked' },
		notes: {
			en: 'international: `https://dashscope-intl.aliyuncs.com/compatible-mode/v1`; Qwen3 thinking kept as `reasoning`',
			zh: '国际站：`https://dashscope-intl.aliyuncs.com/compatible-mode/v1`；Qwen3 的思考过程保留在 `reasoning`',
		},
	},
	{
		name: 'Zhipu (GLM-4V)',
		baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
		chatUrl: 'https://open.bigmodel.cn/api/paas/v4/chat/completions',
		model: 'glm-4.5v',
		hosts: ['bigmodel.cn', 'z.ai'],
		batch: {
			is: 'yes',
			hosts: ['open.bigmodel.cn'],
			maxFileSizeMb: 100,
			more: {
				en: 'lines for `/v4/chat/completions`, files up to {maxFileSizeMb} MB',
				zh: '请求行发往 `/v4/chat/completions`，文件最大 {maxFileSizeMb} MB',
			},
		},
		schema: { is: 'json_object' },
		documents: { is: 'not checked' },
		notes: {
			en: "`glm-4v-flash` is free; GLM-4.5V's thinking kept as `reasoning`",
			zh: '`glm-4v-flash` 免费；GLM-4.5V 的思考过程保留在 `reasoning`',
		},
	},
	{
		name: 'Volcengine Ark (Doubao)',
		baseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
		chatUrl: 'https://ark.cn-beijing.volces.com/api/v3/chat/completions',
		model: 'doubao-1.5-vision-pro-32k-250115',
		batch: { is: 'no', more: { en: 'its own batch inference', zh: '有自己的批量推理' } },
		schema: { is: 'not checked' },
		documents: { is: 'not checked' },
		notes: {
			en: 'an endpoint ID (`ep-...`) works as the model too',
			zh: '也可以用推理接入点 ID（`ep-...`）作为模型',
		},
	},
	{
		name: 'Baidu Qianfan',
		baseUrl: 'https://qianfan.baidubce.com/v2',
		chatUrl: 'https://qianfan.baidubce.com/v2/chat/completions',
		model: 'ernie-4.5-turbo-vl-32k',
		batch: { is: 'no', more: { en: 'its own batch inference', zh: '有自己的批量推理' } },
		schema: { is: 'not checked' },
		documents: { is: 'not checked' },
	},
	{
		name: 'SiliconFlow',
		baseUrl: 'https://api.siliconflow.cn/v1',
		chatUrl: 'https://api.siliconflow.cn/v1/chat/completions',
		model: 'Qwen/Qwen2.5-VL-72B-Instruct',
		batch: {
			is: 'yes',
			hosts: ['api.siliconflow.cn', 'api.siliconflow.com'],
			maxLinesPerFile: 5000,
			more: {
				en: '{maxLinesPerFile} lines a file; `in_queue` before it runs',
				zh: '每个文件最多 {maxLinesPerFile} 行；运行前状态为 `in_queue`',
			},
		},
		schema: { is: 'not checked' },
		documents: { is: 'not checked' },
	},
	{
		name: 'Moonshot (Kimi)',
		baseUrl: 'https://api.moonshot.cn/v1',
		chatUrl: 'https://api.moonshot.cn/v1/chat/completions',
		model: 'moonshot-v1-8k-vision-preview',
		hosts: ['moonshot.cn', 'moonshot.ai'],
		batch: { is: 'not checked' },
		schema: { is: 'json_object' },
		documents: { is: 'not checked' },
	},
];
