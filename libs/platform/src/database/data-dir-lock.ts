import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Another live process owns the data folder. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`DATA_DIR ${dataDir} is in use by another Arrears process (pid ${pid}). ` + 'Stop that process first, or give this one a DATA_DIR of its own.');
    this.name = 'DataDirInUseError';
  }
}

/** Who holds the lock: its pid, when that process started (so a reused pid is not mistaken for it), and a token of its own. */
interface Owner {
  pid: number;
  startedAt: string | undefined;
  token: string;
}

export interface DataDirLock {
  /** Gives the folder up (only if the lock file is still ours). */
  release(): void;
}

/**
 * Takes `DATA_DIR/arrears.lock` for this process, or throws DataDirInUseError when a live process
 * holds it. A lock left by a process that is gone (killed outright) is taken over; it is moved aside
 * before being removed, so two processes that both found it stale never delete each other's new lock.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'arrears.lock');
  const me: Owner = { pid: process.pid, startedAt: startTimeOf(process.pid), token: randomUUID() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (create(file, me)) return ownLock(file, me);
    const found = readText(file);
    if (found === undefined) continue; // removed meanwhile: try again
    const owner = parseOwner(found);
    if (owner && isRunning(owner)) throw new DataDirInUseError(dataDir, owner.pid);
    removeStale(file, found, me.token);
  }
  throw new Error(`Could not take ${file}: other processes keep taking it.`);
}

/** Writes the lock whole, then links it into place: a reader never sees it half-written. */
function create(file: string, me: Owner): boolean {
  const draft = `${file}.${me.token}.new`;
  writeFileSync(draft, JSON.stringify(me), { mode: 0o600 });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    unlinkSync(draft);
  }
}

function ownLock(file: string, me: Owner): DataDirLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (parseOwner(readText(file))?.token === me.token) unlinkSync(file);
  };
  // A process that exits without stopping its database (an error at boot) leaves no lock behind.
  process.on('exit', release);
  return { release };
}

function removeStale(file: string, stale: string, token: string): void {
  const aside = `${file}.${token}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else moved it first
  }
  // What we moved is a newer owner's lock, not the stale one we read: put it back.
  if (readText(aside) !== stale) {
    try {
      linkSync(aside, file);
    } catch {
      // a third process locked meanwhile; it is the owner now
    }
  }
  unlinkSync(aside);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The owner a lock file names, or undefined when it is not one of ours (then it is stale). */
function parseOwner(text: string | undefined): Owner | undefined {
  try {
    const owner = JSON.parse(text ?? '') as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.token === 'string' ? (owner as Owner) : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Without /proc the start time is unknown; a live pid is then taken as the owner.
  return owner.startedAt === undefined || startTimeOf(owner.pid) === owner.startedAt;
}

/** The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined without /proc. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
