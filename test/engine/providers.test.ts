/**
 * The provider data (nodes/core/providers) that the docs' provider tables are generated from
 * (docs/providers.md, and the READMEs' short table), as a user copies a row: every Base URL,
 * pointed at the local test server with its path kept, sends the chat request to the path the
 * provider documents (the full table's "Chat requests go to" column).
 */
import { apiBaseUrl } from '../../credentials/baseUrl';
import { PROVIDERS as providers } from '../../nodes/core/providers';
import type { Provider } from '../../nodes/core/providers';
import { credentialsFor, visionParameters } from '../support/fixtures';
import { runVisionChat, useTestServer } from './harness';

const server = useTestServer();

test('the table lists every provider the node is promised for', () => {
	expect(providers.map((provider) => provider.name)).toEqual(
		expect.arrayContaining(
			[
				'OpenAI',
				'Azure OpenAI',
				'Google Gemini',
				'Anthropic',
				'OpenRouter',
				'Groq',
				'Mistral',
				'xAI',
				'Together',
				'Fireworks',
				'DeepSeek',
				'Alibaba DashScope',
				'Zhipu',
				'Volcengine Ark',
				'Baidu Qianfan',
				'SiliconFlow',
				'Moonshot',
				'Ollama',
				'vLLM',
				'LM Studio',
				'LiteLLM',
			].map((name) => expect.stringContaining(name)),
		),
	);
});

// A provider that serves at its host's root is known by its host name, which a local server
// cannot have: its row is checked against the rule the credential applies.
const servesAtRoot = ({ baseUrl, chatUrl }: Provider) =>
	!/^https?:\/\/[^/]+\/./.test(baseUrl) && new URL(chatUrl).pathname === '/chat/completions';

test.each(providers.filter(servesAtRoot))(
	'$name (by its host): $baseUrl sends to $chatUrl',
	({ baseUrl, chatUrl }) => {
		expect(`${apiBaseUrl(baseUrl)}/chat/completions`).toBe(chatUrl);
	},
);

test.each(providers.filter((provider) => !servesAtRoot(provider)))(
	'$name: $baseUrl sends to $chatUrl',
	async ({ baseUrl, chatUrl }) => {
		// The test server stands in for the provider's host; the path is the user's.
		const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, server.url);
		const result = await runVisionChat({
			items: [{ json: {} }],
			parameters: visionParameters({ binaryImages: 'none', options: { maxRetries: 0 } }),
			credentials: { ...credentialsFor(server), baseUrl: local(baseUrl) },
		});
		expect(result.error).toBeUndefined();
		expect(server.completions.map((request) => `${server.url}${request.path}`)).toEqual([
			local(chatUrl),
		]);
	},
);
