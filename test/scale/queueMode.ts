/**
 * n8n in queue mode for a test or the benchmark: Redis and PostgreSQL (services.ts), a main
 * process that takes the webhooks, and workers that run the executions, each its own process
 * loading the packed package from the sandbox's user folder.
 */
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';

import { N8N_VERSIONS } from '../e2e/n8n';
import type { N8nSandbox } from '../e2e/n8n';
import { Postgres, Redis, freePort } from './services';

export interface QueueWorker {
	name: string;
	process: ChildProcess;
	log: string;
}

/** Stops a process, SIGKILL after a minute; a process that has ended already is left alone. */
export async function stopProcess(
	child: ChildProcess,
	signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.on('exit', resolve));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
	await exited;
	clearTimeout(timer);
}

/** The executions a worker started, from its log. */
export const startedBy = (worker: QueueWorker) =>
	(worker.log.match(/Worker started execution/g) ?? []).length;

/** Starts `n8n worker`, running `concurrency` executions at once, and waits until it is ready. */
export async function startWorker(
	sandbox: N8nSandbox,
	name: string,
	concurrency = 10,
): Promise<QueueWorker> {
	const child = spawn(
		sandbox.version.node,
		[sandbox.bin(), 'worker', `--concurrency=${concurrency}`],
		{
			cwd: sandbox.workFolder,
			env: sandbox.env({
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
				// n8n 2.x starts a task broker in every process, on 5679 unless told: one port each.
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_LOG_LEVEL: 'info',
			}),
		},
	);
	const worker: QueueWorker = { name, process: child, log: '' };
	const onData = (chunk: Buffer) => (worker.log += chunk);
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const deadline = Date.now() + 120_000;
	while (!/worker is now ready|Worker started|ready to receive/i.test(worker.log)) {
		if (child.exitCode !== null) throw new Error(`worker ${name} exited:\n${worker.log}`);
		if (Date.now() > deadline) throw new Error(`worker ${name} did not start:\n${worker.log}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return worker;
}

/** Redis and PostgreSQL started, and the sandbox's settings for queue mode on them. */
export async function queueModeServices(
	sandbox: N8nSandbox,
): Promise<{ redis: Redis; postgres: Postgres }> {
	const redis = await new Redis(await freePort()).start();
	const postgres = new Postgres(await freePort(), sandbox.version === N8N_VERSIONS[1]).start();
	sandbox.settings = {
		...postgres.n8nSettings,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	return { redis, postgres };
}
