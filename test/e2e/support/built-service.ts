import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const repositoryRoot = resolve(__dirname, '../../..');

export interface BuiltService {
  process: ChildProcess;
  url: string;
  output: () => string;
}

/** The built api in a process of its own, on a free loopback port, once /health/live answers. */
export async function startBuiltService(env: NodeJS.ProcessEnv): Promise<BuiltService> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repositoryRoot, 'dist/apps/api/src/main.js')], {
    env: { PATH: process.env.PATH, RUN_SCHEDULER: 'false', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`The service exited early:\n${output}`);
    if (waited > 60_000) throw new Error(`The service did not start:\n${output}`);
    if (await fetch(`${url}/health/live`).then((r) => r.ok, () => false)) return { process: child, url, output: () => output };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs a built command-line entry point to its end. */
export function runBuilt(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(repositoryRoot, entry), ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

export function stopService(service: BuiltService, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (service.process.exitCode !== null) return Promise.resolve(service.process.exitCode);
  return new Promise((resolveExit) => {
    service.process.once('exit', (code) => resolveExit(code));
    service.process.kill(signal);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
