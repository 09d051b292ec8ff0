import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What an interrupted run (Ctrl-C, a kill) still does before it exits: stop the processes it started,
 * stop its database and remove its files, last registered first. At a million accounts the database
 * alone holds tens of gigabytes, which a run stopped by hand used to leave in the temporary directory.
 */
const cleanUps = new Set<() => unknown>();
let interrupted = false;

/** Registers a clean-up for an interruption; returns what unregisters it once the run did it itself. */
function onInterrupt(cleanUp: () => unknown): () => void {
  cleanUps.add(cleanUp);
  return () => cleanUps.delete(cleanUp);
}

/** Whether the run was interrupted: its work then fails, and the interruption, not the failure, ends it. */
export const wasInterrupted = () => interrupted;

/**
 * `cleanUp`, run once, by the run itself or by an interruption, whichever asks first (both may: an
 * interruption makes the run's work fail, and the run then cleans up on its way out).
 */
export function cleanedUpOnInterrupt(cleanUp: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const once = () => (running ??= cleanUp());
  const unregister = onInterrupt(once);
  return async () => {
    await once();
    unregister();
  };
}

/** A new temporary directory, removed by `remove` or by an interruption. */
export async function temporaryDirectory(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: cleanedUpOnInterrupt(() => rm(path, { recursive: true, force: true })) };
}

/**
 * A child process stopped by an interruption: SIGTERM, then SIGKILL if it has not exited within 5 s.
 * Returns when it exits.
 */
export function stoppedOnInterrupt(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const unregister = onInterrupt(async () => {
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(kill);
  });
  void exited.then(unregister);
  return exited;
}

async function cleanUpAndExit(code: number): Promise<never> {
  interrupted = true;
  for (const cleanUp of [...cleanUps].reverse()) {
    try {
      await cleanUp();
    } catch (error) {
      console.error(`Cleaning up after the interruption: ${String(error)}`);
    }
  }
  process.exit(code);
}

process.once('SIGINT', () => void cleanUpAndExit(130));
process.once('SIGTERM', () => void cleanUpAndExit(143));
