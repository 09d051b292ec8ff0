import { fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { stoppedOnInterrupt } from './interrupted';

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
 * process of its own: run in the bench's process, the client was paused by that process's collector for
 * up to 100 ms, and charged the pauses to the server as latency. autocannon's `overallRate` cannot stand in: it sends each
 * second's budget as fast as it can and then waits, so its requests queue in bursts as they do at full speed.
 */
export async function pacedLoad({ base, headers, pathOf, perSecond, seconds }: PacedLoad): Promise<PacedLatency> {
  const paths = Array.from({ length: Math.round(perSecond * seconds) }, pathOf);
  // Without the bench's own node flags; `advanced` keeps a NaN percentile (no 2xx answer) a number.
  const client = fork(resolve(__dirname, 'paced-client.js'), [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = stoppedOnInterrupt(client);
  let reply: PacedLatency | undefined;
  client.once('message', (message: PacedLatency) => (reply = message));
  // 'close' comes once the channel has been read to its end, so a reply sent just before exiting is in.
  const closed = once(client, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  client.send({ base, headers, paths, perSecond } satisfies PacedRun);
  const [code, signal] = await closed;
  await exited;
  if (!reply) throw new Error(`The paced client stopped without answering (exit code ${String(code)}, signal ${String(signal)}).`);
  return reply;
}
