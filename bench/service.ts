import type { ActorRole } from '@arrears/commands';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { mintToken } from '../apps/api/src/auth/mint-token';
import { stoppedOnInterrupt } from './interrupted';

/** Polls /health until the service answers 200. */
export async function waitUntilHealthy(base: string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The service did not become healthy.');
}

/** A free TCP port on the loopback interface. */
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

/** The secret the bench's services verify tokens with. */
const benchSecret = 'bench-secret-of-at-least-thirty-two-characters';
const benchChainKey = 'bench-chain-key-of-at-least-thirty-two-characters';
const benchKeyEncryptionKey = 'bench-key-encryption-key-of-at-least-32-characters';
/** The secrets every process of the bench runs with. */
export const benchSecrets = { AUTH_JWT_SECRET: benchSecret, CHAIN_KEY: benchChainKey, KEY_ENCRYPTION_KEY: benchKeyEncryptionKey };

export interface BenchService {
  base: string;
  /** The service's process, for its memory. */
  pid: number;
  /** Authorization for a role, for the creditors given (every creditor by default). */
  as(role: ActorRole, creditors?: readonly string[]): Promise<Record<string, string>>;
  stop(): Promise<void>;
  /** CPU time the server's process has used so far (user + system), NaN where /proc is not there. */
  cpuSeconds(): Promise<number>;
  /** CPU time the PostgreSQL it talks to has used so far, likewise. */
  postgresCpuSeconds(): Promise<number>;
}

/** A process's CPU seconds from /proc/<pid>/stat. */
async function cpuSecondsOf(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat ? cpuSecondsIn(stat) : NaN;
}

/** A /proc stat line's fields after the command name, which may hold spaces: field 3 (state) is the first. */
const fieldsOf = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
const ticks = (fields: string[], ...indexes: number[]) => indexes.reduce((sum, index) => sum + Number(fields[index]), 0) / 100;

/** User and system time (fields 14 and 15 of a /proc stat line, in clock ticks of 1/100 s). */
const cpuSecondsIn = (stat: string): number => ticks(fieldsOf(stat), 11, 12);

const postmasters = new Map<string, Promise<number>>();
/** The pid of the postmaster serving `url`: the parent of a backend it starts for us. */
function postmasterOf(url: string): Promise<number> {
  let pid = postmasters.get(url);
  if (!pid) {
    pid = (async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        return Number(fieldsOf(await readFile(`/proc/${rows[0]?.pid}/stat`, 'utf8'))[1]);
      } finally {
        await client.end();
      }
    })();
    postmasters.set(url, pid);
  }
  return pid;
}

/**
 * CPU seconds used so far by the PostgreSQL serving `url` (this bench's embedded server): its
 * postmaster, with the children it has reaped (fields 16 and 17: backends closed by a pool), and its
 * living children (backends, WAL writer, checkpointer, autovacuum). NaN where /proc is not there.
 */
async function postgresCpuSecondsOf(url: string): Promise<number> {
  const postmaster = await postmasterOf(url).catch(() => NaN);
  const pids = await readdir('/proc').catch(() => undefined);
  if (!pids || Number.isNaN(postmaster)) return NaN;
  const stats = await Promise.all(pids.filter((pid) => /^\d+$/.test(pid)).map((pid) => readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')));
  let seconds = 0;
  for (const stat of stats.filter(Boolean)) {
    const [pid, fields] = [Number(stat.slice(0, stat.indexOf(' '))), fieldsOf(stat)];
    if (pid === postmaster) seconds += ticks(fields, 11, 12, 13, 14);
    else if (Number(fields[1]) === postmaster) seconds += ticks(fields, 11, 12);
  }
  return seconds;
}

/** A load's result with the CPU the server and its PostgreSQL spent on each 2xx answer, in ms (NaN without one). */
export async function withCpu<Result extends { '2xx': number }>(server: BenchService, load: () => Promise<Result>) {
  const [serverBefore, postgresBefore] = [await server.cpuSeconds(), await server.postgresCpuSeconds()];
  const result = await load();
  const perAnswer = (seconds: number) => (result['2xx'] > 0 ? (seconds * 1000) / result['2xx'] : NaN);
  return {
    ...result,
    serviceCpuMs: perAnswer((await server.cpuSeconds()) - serverBefore),
    postgresCpuMs: perAnswer((await server.postgresCpuSeconds()) - postgresBefore),
  };
}

/** BENCH_SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles": what the bench's servers are started with, to profile them under load. */
export const benchNodeArgs = (): string[] => (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);

/**
 * The built service in its own process against `url`, without the projector or the scheduler (they
 * would share its two cores; each is measured apart), answering once healthy. The rate limiter runs
 * (its cost is part of what is measured) with a limit no benchmark reaches: the load comes from one token.
 * `script` names another server to start the same way, such as the command path's bare baseline.
 */
export async function startService(url: string, env: Record<string, string> = {}, script = '../apps/api/src/main.js'): Promise<BenchService> {
  const port = await freePort();
  const service = spawn(process.execPath, [...benchNodeArgs(), resolve(__dirname, script)], {
    env: {
      ...process.env,
      EVENT_STORE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RUN_PROJECTOR: 'false',
      RUN_SCHEDULER: 'false',
      AUTH_JWT_SECRET: benchSecret,
      CHAIN_KEY: benchChainKey,
      KEY_ENCRYPTION_KEY: benchKeyEncryptionKey,
      RATE_LIMIT_PER_SECOND: '1000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = stoppedOnInterrupt(service);
  const stop = async () => {
    service.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilHealthy(base);
  } catch (error) {
    await stop();
    throw error;
  }
  const as = async (role: ActorRole, creditors: readonly string[] | '*' = '*') => ({
    authorization: `Bearer ${await mintToken(benchSecret, { id: `bench-${role}`, role, creditors }, '1h')}`,
  });
  return { base, pid: service.pid ?? NaN, as, stop, cpuSeconds: () => cpuSecondsOf(service.pid), postgresCpuSeconds: () => postgresCpuSecondsOf(url) };
}
