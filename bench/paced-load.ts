import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream';

/** A request unanswered this long counts as an error, so that a stalled server cannot hang the bench. */
const requestTimeoutMs = 10_000;

export interface PacedLoad {
  base: string;
  headers: Record<string, string>;
  pathOf: () => string;
  perSecond: number;
  seconds: number;
}

/**
 * Latency at an offered rate: requests/s asked for, p50 and p99 in ms of the 2xx answers, and the
 * requests that got no 2xx answer (counted apart, not in the percentiles).
 */
export interface PacedLatency {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/**
 * GETs due at evenly spaced instants, `perSecond` of them a second, whatever the answers do (an open
 * loop), each timed from the instant it was due: a server that stalls is charged for every request
 * that waited on it, not only the ones in flight (no coordinated omission). A timer fires a millisecond
 * or more late, so at thousands a second requests leave in small bursts; timing from the due instant
 * charges that lateness too. autocannon's `overallRate` cannot stand in: it sends each second's budget
 * as fast as it can and then waits, so its requests queue in bursts as they do at full speed.
 */
export async function pacedLoad({ base, headers, pathOf, perSecond, seconds }: PacedLoad): Promise<PacedLatency> {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let errors = 0;
  const send = (due: number) =>
    new Promise<void>((settled) => {
      let done = false;
      // Once per request, whichever of its endings comes first: answered, cut off, or out of time.
      const answered = (ok: boolean) => {
        if (done) return;
        done = true;
        if (ok) latencies.push(performance.now() - due);
        else errors++;
        settled();
      };
      const request = get({ agent, hostname, port, path: pathOf(), headers, timeout: requestTimeoutMs }, (response) => {
        const ok = (response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300;
        finished(response.resume(), (error) => {
          answered(ok && !error && response.complete);
        });
      });
      request.on('timeout', () => request.destroy());
      request.on('error', () => {
        answered(false);
      });
    });
  const interval = 1000 / perSecond;
  const total = Math.round(perSecond * seconds);
  const start = performance.now();
  const dueOf = (index: number) => start + index * interval;
  const requests: Promise<void>[] = [];
  while (requests.length < total) {
    const wait = dueOf(requests.length) - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A timer that fired late sends every request that has come due since, each still timed from its own instant.
    while (requests.length < total && dueOf(requests.length) <= performance.now()) requests.push(send(dueOf(requests.length)));
  }
  await Promise.all(requests);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round((latencies[Math.floor(p * (latencies.length - 1))] ?? NaN) * 10) / 10;
  return { requestsPerSecond: perSecond, p50Ms: percentile(0.5), p99Ms: percentile(0.99), errors };
}
