/**
 * Runs the built Vision Chat node through n8n-core's WorkflowExecute (the real RoutingNode, the
 * credential's real authenticate), the way n8n runs a workflow: a test input node feeds items,
 * binary data goes through n8n's BinaryDataService in the chosen mode.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

import { OpenAiTestServer } from '../server/openAiServer';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

export type BinaryMode = 'default' | 'filesystem';

/** The log lines the engine wrote during the tests (to check no secret reaches the log). */
export const logLines: string[] = [];

let initialized: BinaryMode | undefined;
// Required lazily: the binary-data config reads the environment when it is first loaded.
let core: typeof import('n8n-core');
let workflowLib: typeof import('n8n-workflow');

/** Sets up n8n's container (instance settings, binary data) once per test file. */
export async function initEngine(mode: BinaryMode = 'default'): Promise<void> {
	if (initialized) {
		if (initialized !== mode) throw new Error(`engine already initialized in ${initialized} mode`);
		return;
	}
	const folder = mkdtempSync(path.join(tmpdir(), 'vision-chat-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_ENCRYPTION_KEY = 'vision-chat-test-encryption-key';
	process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = mode;
	process.env.N8N_AVAILABLE_BINARY_DATA_MODES = 'default,filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(folder, 'binaryData');
	core = require('n8n-core');
	workflowLib = require('n8n-workflow');
	const { Container } = require('@n8n/di');
	const record = (level: string) => (message: string, meta?: object) =>
		logLines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	workflowLib.LoggerProxy.init({
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
	} as never);
	await Container.get(core.BinaryDataService).init();
	initialized = mode;
}

const dist = path.resolve(__dirname, '..', '..', 'dist');

export function loadNodeType(): INodeType {
	const { VisionChat } = require(path.join(dist, 'nodes', 'VisionChat', 'VisionChat.node.js'));
	const nodeType = new VisionChat() as INodeType;
	// What n8n's node loader does for every declarative node: adds Request Options (batching...).
	core.DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	// And what n8n's NodeTypes does (n8n/dist/node-types.js): an execute() that runs the
	// RoutingNode, so the node gets the execution's cancel signal as in a real n8n (n8n-core's own
	// path for declarative nodes without execute() is for tests and passes none).
	nodeType.execute = async function (this: IExecuteFunctions) {
		return (await new core.RoutingNode(this as never, nodeType).runNode()) ?? [];
	};
	return nodeType;
}

export function loadCredentialType(): ICredentialType {
	const { VisionChatApi } = require(path.join(dist, 'credentials', 'VisionChatApi.credentials.js'));
	return new VisionChatApi() as ICredentialType;
}

export interface InputFile {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
}

export interface InputItem {
	json?: IDataObject;
	binary?: Record<string, InputFile>;
}

const inputs = new Map<string, InputItem[]>();
let inputCounter = 0;

/** The test's input node: emits registered items, storing their files through n8n's binary helpers. */
class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits the test items',
		defaults: { name: 'Test Input' },
		inputs: [],
		outputs: ['main' as never],
		properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = inputs.get(this.getNodeParameter('key', 0) as string) ?? [];
		const output: INodeExecutionData[] = [];
		for (const item of items) {
			const binary: INodeExecutionData['binary'] = {};
			for (const [name, file] of Object.entries(item.binary ?? {})) {
				binary[name] = await this.helpers.prepareBinaryData(
					file.data,
					file.fileName,
					file.mimeType,
				);
			}
			output.push({ json: item.json ?? {}, ...(item.binary ? { binary } : {}) });
		}
		return [output];
	}
}

/**
 * What tests see of n8n's request helper: `onSend` gets every request a node sends as it goes
 * out, after the credential's authenticate (key included), and may throw to fail it as the helper
 * would; `credentialReads` counts the credential's reads from n8n's store.
 */
export const requestWatch: {
	onSend?: (sent: IHttpRequestOptions) => void;
	credentialReads: number;
} = { credentialReads: 0 };

class TestCredentialsHelper {
	constructor(
		private readonly credentialType: ICredentialType,
		private readonly data: ICredentialDataDecryptedObject,
	) {}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_type: string,
		requestOptions: IHttpRequestOptions,
	) {
		const authenticate = this.credentialType.authenticate;
		if (typeof authenticate !== 'function')
			throw new Error('the Vision Chat credential authenticates with a function');
		const sent = await authenticate(credentials, requestOptions);
		requestWatch.onSend?.(sent);
		return sent;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the node');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		requestWatch.credentialReads++;
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}
}

export interface RunOptions {
	items: InputItem[];
	parameters: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** The node's version in the workflow: 1 unless given (a new node in the editor is the latest). */
	typeVersion?: number;
	/** On Error > Continue (using error output): failed items go to a second output. */
	errorOutput?: boolean;
	/** Settings > Retry On Fail: n8n runs the whole node again after it failed. */
	retryOnFail?: { maxTries: number };
	/** Called once the run started, with what the user's Stop button does. */
	onStarted?: (cancel: () => void) => void;
}

export interface RunResult {
	/** The Vision Chat node's output items (error items included with Continue On Fail). */
	items: INodeExecutionData[];
	/** The items of the error output (On Error > Continue (using error output)). */
	errorItems: INodeExecutionData[];
	/** The node's error when it failed. */
	error?: any;
	run: IRun;
}

const VISION_CHAT_TYPE = 'n8n-nodes-vision-chat.visionChat';

function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	executionId: string,
	workflowData: IDataObject,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(loadCredentialType(), credentials),
		hooks: new core.ExecutionLifecycleHooks('manual', executionId, workflowData as never),
		executionId,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** The node that emits the test items stored under `key`. */
function testInputNode(key: string): INode {
	return {
		id: 'input',
		name: 'Test Input',
		type: 'test.input',
		typeVersion: 1,
		position: [0, 0],
		parameters: { key },
	};
}

function nodeTypesOf(typeOf: (type: string) => INodeType): INodeTypes {
	return { getByName: typeOf, getByNameAndVersion: typeOf, getKnownTypes: () => ({}) };
}

/** Runs a workflow from its Test Input node in WorkflowExecute, as a manual run; its input is then dropped. */
async function executeWorkflow(
	id: string,
	nodes: INode[],
	connections: IDataObject,
	nodeTypes: INodeTypes,
	credentials: ICredentialDataDecryptedObject,
	inputKey: string,
	onStarted?: (cancel: () => void) => void,
): Promise<IRun> {
	const workflow = new workflowLib.Workflow({
		id,
		nodes,
		connections: connections as never,
		active: false,
		nodeTypes,
	});
	const workflowData = {
		id,
		name: id,
		active: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const execute = new core.WorkflowExecute(
		additionalDataFor(credentials, `exec-${inputKey}`, workflowData),
		'manual',
	);
	try {
		const running = execute.run(workflow, workflow.getNode('Test Input')!);
		onStarted?.(() => running.cancel());
		return await running;
	} finally {
		inputs.delete(inputKey);
	}
}

/** The node under test: Vision Chat unless another is given. */
interface NodeUnderTest {
	name: string;
	type: string;
}

const VISION_CHAT_NODE: NodeUnderTest = { name: 'Vision Chat', type: VISION_CHAT_TYPE };

/** Runs Test Input -> the node in WorkflowExecute and returns what the node put out. */
async function runAfterInput(
	nodeType: INodeType,
	options: RunOptions,
	node: NodeUnderTest = VISION_CHAT_NODE,
): Promise<RunResult> {
	if (!initialized) await initEngine('default');
	const key = `input-${++inputCounter}`;
	inputs.set(key, options.items);
	const nodeTypes = nodeTypesOf((type) => (type === 'test.input' ? new TestInput() : nodeType));
	const nodes: INode[] = [
		testInputNode(key),
		{
			id: 'vision',
			name: node.name,
			type: node.type,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters as never,
			credentials: { visionChatApi: { id: '1', name: 'Vision Chat account' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...(options.errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
			...(options.retryOnFail
				? { retryOnFail: true, maxTries: options.retryOnFail.maxTries, waitBetweenTries: 0 }
				: {}),
		},
	];
	const connections = {
		'Test Input': { main: [[{ node: node.name, type: 'main' as never, index: 0 }]] },
	};
	const run = await executeWorkflow(
		'test',
		nodes,
		connections,
		nodeTypes,
		options.credentials,
		key,
		options.onStarted,
	);
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		errorItems: taskData?.data?.main?.[1] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
		run,
	};
}

/**
 * Runs Test Input -> Vision Chat Batch: `items` are Submit's items or Get Results' (its
 * second output, Not Ready, is `errorItems`).
 */
export async function runVisionChatBatch(options: RunOptions): Promise<RunResult> {
	if (!initialized) await initEngine('default');
	return await runAfterInput(loadBatchNodeType(), options, {
		name: 'Vision Chat Batch',
		type: BATCH_TYPE,
	});
}

const BATCH_TYPE = 'n8n-nodes-vision-chat.visionChatBatch';

function loadBatchNodeType(): INodeType {
	const { VisionChatBatch } = require(
		path.join(dist, 'nodes', 'VisionChatBatch', 'VisionChatBatch.node.js'),
	);
	return new VisionChatBatch() as INodeType;
}

/** Runs Test Input -> Vision Chat. */
export async function runVisionChat(options: RunOptions): Promise<RunResult> {
	if (!initialized) await initEngine('default');
	return await runAfterInput(loadNodeType(), options);
}

/**
 * The node as n8n's own node loader makes it an AI Agent's tool (n8n/dist/node-types.js and
 * convertNodeToAiTool): the type named `...Tool`, no inputs, an ai_tool output, its items run by
 * its own execute(), or by the RoutingNode for a declarative node.
 */
function asAgentTool(nodeType: INodeType): INodeType {
	const description = {
		...nodeType.description,
		name: `${nodeType.description.name}Tool`,
		displayName: `${nodeType.description.displayName} Tool`,
		inputs: [],
		outputs: ['ai_tool' as never],
	};
	delete description.usableAsTool;
	const tool: INodeType = {
		description,
		methods: nodeType.methods,
		async execute(this: IExecuteFunctions) {
			if (nodeType.execute) return await nodeType.execute.call(this);
			return (await new core.RoutingNode(this as never, tool).runNode()) ?? [];
		},
	};
	return tool;
}

/** An AI Agent stand-in: it calls its one tool with the arguments of its input item's `toolArgs`. */
class TestAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Agent',
		name: 'testAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its tool',
		defaults: { name: 'Test Agent' },
		inputs: ['main' as never, { type: 'ai_tool' as never, displayName: 'Tool', required: true }],
		outputs: ['main' as never],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData('ai_tool' as never, 0)) as Array<{
			invoke(args: IDataObject): Promise<string>;
		}>;
		const args = this.getInputData()[0].json.toolArgs as IDataObject;
		try {
			return [[{ json: { toolAnswer: await tools[0].invoke(args) } }]];
		} catch (error) {
			return [[{ json: { toolError: (error as Error).message } }]];
		}
	}
}

/** Runs Test Input -> Test Agent, with Vision Chat as the agent's tool; the agent's output item. */
export async function runAsAgentTool(options: {
	parameters: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	toolArgs: IDataObject;
	continueOnFail?: boolean;
	/** The batch node instead of Vision Chat. */
	batch?: boolean;
}): Promise<IDataObject> {
	if (!initialized) await initEngine('default');
	const key = `input-${++inputCounter}`;
	inputs.set(key, [{ json: { toolArgs: options.toolArgs } }]);
	const nodeType = options.batch ? loadBatchNodeType() : loadNodeType();
	const tool = asAgentTool(nodeType);
	const typeOf = (type: string): INodeType =>
		type === 'test.input' ? new TestInput() : type === 'test.agent' ? new TestAgent() : tool;
	const nodeTypes = nodeTypesOf(typeOf);
	const nodes: INode[] = [
		testInputNode(key),
		{
			id: 'agent',
			name: 'Test Agent',
			type: 'test.agent',
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
		{
			id: 'vision',
			name: 'Vision Chat',
			type: `${options.batch ? BATCH_TYPE : VISION_CHAT_TYPE}Tool`,
			typeVersion: 1,
			position: [200, 200],
			parameters: options.parameters as never,
			credentials: { visionChatApi: { id: '1', name: 'Vision Chat account' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections = {
		'Test Input': { main: [[{ node: 'Test Agent', type: 'main' as never, index: 0 }]] },
		'Vision Chat': { ai_tool: [[{ node: 'Test Agent', type: 'ai_tool' as never, index: 0 }]] },
	};
	const run = await executeWorkflow(
		'tool',
		nodes,
		connections,
		nodeTypes,
		options.credentials,
		key,
	);
	const agentRun = run.data.resultData.runData['Test Agent']?.[0];
	if (!agentRun?.data) throw run.data.resultData.error ?? new Error('the agent did not run');
	return agentRun.data.main[0]![0].json;
}

/**
 * The credential test as n8n runs it: a declarative request built from the credential's `test`,
 * sent by the RoutingNode with the credential's authenticate.
 */
export async function testCredential(
	credentials: ICredentialDataDecryptedObject,
): Promise<RunResult> {
	if (!initialized) await initEngine('default');
	const credentialType = loadCredentialType();
	const tester: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Credential Test' },
			inputs: ['main' as never],
			outputs: ['main' as never],
			credentials: [{ name: 'visionChatApi', required: true }],
			requestDefaults: credentialType.test!.request,
			properties: [],
		},
	};
	return await runAfterInput(tester, { items: [{ json: {} }], parameters: {}, credentials });
}

/** The node's model list (resource locator "From List"), through n8n-core's load-options context. */
export async function listModels(credentials: ICredentialDataDecryptedObject, filter?: string) {
	if (!initialized) await initEngine('default');
	const nodeType = loadNodeType();
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'vision',
		name: 'Vision Chat',
		type: VISION_CHAT_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { visionChatApi: { id: '1', name: 'Vision Chat account' } },
	};
	const workflow = new workflowLib.Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const context = new core.LoadOptionsContext(
		workflow,
		node,
		additionalDataFor(credentials, 'load-options', {}),
		'model',
	);
	return await nodeType.methods!.listSearch!.searchModels.call(context, filter);
}

/**
 * The engine in `mode` and a schema-checking test server for the tests of one file: started
 * before them, reset before each, stopped after them.
 */
export function useTestServer(mode: BinaryMode = 'default'): OpenAiTestServer {
	const server = new OpenAiTestServer();
	beforeAll(async () => {
		await initEngine(mode);
		await server.start();
	});
	afterAll(async () => server.stop());
	beforeEach(() => server.reset());
	return server;
}
