/**
 * `npm run demo`: tags the sample images with the example workflow in a headless real n8n.
 * With VISION_CHAT_BASE_URL and VISION_CHAT_API_KEY set it asks that API (VISION_CHAT_MODEL,
 * default gpt-4o-mini); without them a local stand-in endpoint answers, so it runs offline.
 * `npm run demo -- 2` runs it on n8n 2.x.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

import {
	N8nSandbox,
	ROOT,
	chosenN8nVersion,
	describeN8n,
	ensureN8nInstalled,
} from '../test/e2e/n8n';
import { OpenAiTestServer, standInAnswer } from '../test/server/openAiServer';

function build(): void {
	const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}

async function main(): Promise<void> {
	const realApi = process.env.VISION_CHAT_BASE_URL && process.env.VISION_CHAT_API_KEY;
	const model = process.env.VISION_CHAT_MODEL ?? 'gpt-4o-mini';
	let standIn: OpenAiTestServer | undefined;
	let baseUrl = process.env.VISION_CHAT_BASE_URL ?? '';
	let apiKey = process.env.VISION_CHAT_API_KEY ?? '';
	if (realApi) {
		console.log(`Vision Chat demo: asking ${baseUrl} (model ${model})`);
	} else {
		standIn = new OpenAiTestServer();
		standIn.answer = standInAnswer;
		await standIn.start();
		baseUrl = `${standIn.url}/v1`;
		apiKey = standIn.apiKey;
		console.log(
			`Vision Chat demo: using a local stand-in endpoint at ${baseUrl}, not a model (set VISION_CHAT_BASE_URL and VISION_CHAT_API_KEY to ask a real API)`,
		);
	}

	build();
	const version = chosenN8nVersion();
	ensureN8nInstalled(version);
	console.log(
		`Vision Chat demo: running ${describeN8n(version)} (\`npm run demo -- 2\` for n8n 2.x)`,
	);
	const sandbox = new N8nSandbox(version);
	try {
		await sandbox.setUpExamples({ apiKey, baseUrl });
		const workflow = JSON.parse(
			fs.readFileSync(path.join(ROOT, 'examples', 'image-tagging.workflow.json'), 'utf8'),
		);
		workflow.nodes.find((node: any) => node.name === 'Tag image').parameters.model.value = model;
		await sandbox.importWorkflow(workflow);
		const result = await sandbox.execute(workflow.id);
		if (result.error) throw new Error(`the workflow failed: ${result.error.message}`);
		for (const { json } of result.runData['Row per image'][0].data.main[0]) {
			console.log(`${json.file}: ${json.caption} [${json.tags}] (${json.tokens} tokens)`);
		}
		console.log(
			`(${version.label} wrote the tags to .n8n-files/vision-chat/tags.csv in its home folder, removed now)`,
		);
	} finally {
		await sandbox.stop();
		sandbox.cleanUp();
		await standIn?.stop();
	}
}

main().catch((error) => {
	console.error(`Vision Chat demo failed: ${error.message}`);
	process.exit(1);
});
