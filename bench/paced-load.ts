import { fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

export interface PacedLoad {
  base: string;
  headers: Record<string, string>;
  pathOf: () => string;
  perSecond: number;
  seconds: number;
}

/** What the paced client is told: every path it will ask for, in order. */
export interface PacedRun {
  base: string;
  headers: Record<string, string>;
  paths: string[];
  perSecond: number;
}

/**
 * Latency at an offered rate: requests/s asked for, p50 and p99 in ms of the 2xx answers, and the
 * requests that got no 2xx answer (counted apart, not in the percentiles). `client` is how long the
 * client itself stalled at worst (its event loop, its collector): a request due then was late by that
 * much whatever the server did.
 */
export interface PacedLatency {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  client: { loopDelayMaxMs: number; longestCollectionMs: number };
}

/**
 * The paths asked for at `perSecond` for `seconds`, as an open loop (see paced-client.ts), from a
 * process of its own. Run in the bench's process, the client shared its heap with the portfolio the
 * bench had built and projected, and that heap's collections paused the client for up to 100 ms, which
 * it then charged to the server as latency. autocannon's `overallRate` cannot stand in: it sends each
 * second's budget as fast as it can and then waits, so its requests queue in bursts as they do at full speed.
 */
export async function pacedLoad({ base, headers, pathOf, perSecond, seconds }: PacedLoad): Promise<PacedLatency> {
  const paths = Array.from({ length: Math.round(perSecond * seconds) }, pathOf);
  // Without the bench's own flags: a profile of the servers (BENCH_SERVICE_NODE_ARGS) is not the client's.
  const client = fork(resolve(__dirname, 'paced-client.js'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = once(client, 'exit');
  const answered = once(client, 'message') as Promise<[PacedLatency]>;
  client.send({ base, headers, paths, perSecond } satisfies PacedRun);
  const [outcome] = await Promise.race([answered, exited.then(([code]) => Promise.reject(new Error(`The paced client exited with ${String(code)}.`)))]);
  await exited;
  return outcome;
}
