import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedLoad {
  base: string;
  headers: Record<string, string>;
  pathOf: () => string;
  perSecond: number;
  seconds: number;
}

/** Latency at an offered rate: requests/s asked for, p50 and p99 in ms, and answers that were not 2xx. */
export interface PacedLatency {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/**
 * GETs sent at evenly spaced instants, `perSecond` of them a second, whatever the answers do (an open
 * loop), each timed from the instant it was due: a server that stalls is charged for every request
 * that waited on it, not only the ones in flight (no coordinated omission). autocannon's `overallRate`
 * cannot stand in: it sends each second's budget as fast as it can and then waits, so its requests
 * queue in bursts as they do at full speed.
 */
export async function pacedLoad({ base, headers, pathOf, perSecond, seconds }: PacedLoad): Promise<PacedLatency> {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let errors = 0;
  const send = (due: number) =>
    new Promise<void>((settled) => {
      const answered = (ok: boolean) => {
        if (ok) latencies.push(performance.now() - due);
        else errors++;
        settled();
      };
      get({ agent, hostname, port, path: pathOf(), headers }, (response) => {
        response.resume();
        response.on('end', () => {
          answered((response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300);
        });
      }).on('error', () => {
        answered(false);
      });
    });
  const interval = 1000 / perSecond;
  const total = Math.round(perSecond * seconds);
  const start = performance.now();
  const requests: Promise<void>[] = [];
  while (requests.length < total) {
    const due = start + requests.length * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A timer that fired late sends every request that has come due since, each still timed from its own instant.
    for (let next = start + requests.length * interval; requests.length < total && next <= performance.now(); next = start + requests.length * interval) {
      requests.push(send(next));
    }
  }
  await Promise.all(requests);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round((latencies[Math.floor(p * (latencies.length - 1))] ?? NaN) * 10) / 10;
  return { requestsPerSecond: perSecond, p50Ms: percentile(0.5), p99Ms: percentile(0.99), errors };
}
