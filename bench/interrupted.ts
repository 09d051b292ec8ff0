/**
 * What an interrupted run (Ctrl-C, a kill) still does before it exits: stop the services it started,
 * stop its database and remove its files, last registered first. At a million accounts the database
 * alone holds tens of gigabytes, which a run stopped by hand used to leave in the temporary directory.
 */
const cleanUps = new Set<() => unknown>();

/** Registers a clean-up for an interruption; returns what unregisters it once the run did it itself. */
export function onInterrupt(cleanUp: () => unknown): () => void {
  cleanUps.add(cleanUp);
  return () => cleanUps.delete(cleanUp);
}

async function cleanUpAndExit(code: number): Promise<never> {
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
