/**
 * The paced load's client, in a process of its own (see paced-load.ts): its heap holds the run's paths
 * and little else, so that its own pauses stay short. Told what to ask by its parent, it answers with
 * the latencies and how late it ran itself, then exits.
 */
import { Agent, get as httpGet } from 'node:http';
import { monitorEventLoopDelay, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { finished } from 'node:stream';
import type { PacedLatency, PacedRun } from './paced-load';

/** A request unanswered this long counts as an error, so that a stalled server cannot hang the bench. */
const requestTimeoutMs = 10_000;
/** Unmeasured requests before the run (see warmUp). */
const warmUpRequests = 200;
/** How often the client's own event loop is sampled, in ms: a delay is reported net of it. */
const loopResolutionMs = 1;

/**
 * GETs of `paths` due at evenly spaced instants, `perSecond` of them a second, whatever the answers do
 * (an open loop), each timed from the instant it was due: a server that stalls is charged for every
 * request that waited on it, not only the ones in flight (no coordinated omission). A timer fires a
 * millisecond or more late, so at thousands a second requests leave in small bursts; timing from the
 * due instant charges that lateness too.
 */
async function run({ base, headers, paths, perSecond }: PacedRun): Promise<PacedLatency> {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const total = paths.length;
  // Sized once: growing arrays, and a promise kept per request, would make garbage the client's collector then pauses on.
  const latencies = new Float64Array(total);
  let answers = 0;
  let errors = 0;
  let settled = 0;
  let allSettled = () => {};
  const done = new Promise<void>((resolve) => (allSettled = resolve));
  const target = { agent, hostname, port, headers };
  const send = (index: number, due: number) => {
    get(target, paths[index] as string, (ok) => {
      if (ok) latencies[answers++] = performance.now() - due;
      else errors++;
      if (++settled === total) allSettled();
    });
  };
  await warmUp(target, paths);
  const own = watchOwnPauses();
  const interval = 1000 / perSecond;
  const start = performance.now();
  const dueOf = (index: number) => start + index * interval;
  for (let sent = 0; sent < total;) {
    const wait = dueOf(sent) - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A timer that fired late sends every request that has come due since, each still timed from its own instant.
    for (; sent < total && dueOf(sent) <= performance.now(); sent++) send(sent, dueOf(sent));
  }
  if (total > 0) await done;
  agent.destroy();
  const sorted = latencies.subarray(0, answers).sort();
  const percentile = (p: number) => tenths(sorted[Math.floor(p * (sorted.length - 1))] ?? NaN);
  return { requestsPerSecond: perSecond, p50Ms: percentile(0.5), p99Ms: percentile(0.99), errors, client: own.stop() };
}

interface Target {
  agent: Agent;
  hostname: string;
  port: string;
  headers: Record<string, string>;
}

/** A GET whose `end` is called once, whichever of its endings comes first: answered (ok: a complete 2xx), cut off, or out of time. */
function get({ agent, hostname, port, headers }: Target, path: string, end: (ok: boolean) => void): void {
  let ended = false;
  const once = (ok: boolean) => {
    if (ended) return;
    ended = true;
    end(ok);
  };
  const request = httpGet({ agent, hostname, port, path, headers, timeout: requestTimeoutMs }, (response) => {
    const ok = (response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300;
    finished(response.resume(), (error) => {
      once(ok && !error && response.complete);
    });
  });
  request.on('timeout', () => request.destroy());
  request.on('error', () => {
    once(false);
  });
}

/**
 * A fresh process's first requests run its HTTP client cold; a few sent one after another first keep
 * that compiling out of the measured run, and open the connections it will reuse.
 */
async function warmUp(target: Target, paths: string[]): Promise<void> {
  for (const path of paths.slice(0, warmUpRequests))
    await new Promise<void>((resolve) => {
      get(target, path, () => {
        resolve();
      });
    });
}

/** The client's own event-loop delay and collector pauses over the run: a stall there delays requests as a server's would. */
function watchOwnPauses() {
  const loop = monitorEventLoopDelay({ resolution: loopResolutionMs });
  let longestCollection = 0;
  const note = (entries: PerformanceEntry[]) => {
    for (const entry of entries) longestCollection = Math.max(longestCollection, entry.duration);
  };
  const collections = new PerformanceObserver((list) => {
    note(list.getEntries());
  });
  loop.enable();
  collections.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      loop.disable();
      // Entries are delivered later: those still queued are taken now.
      note(collections.takeRecords());
      collections.disconnect();
      return { loopDelayMaxMs: tenths(Math.max(0, loop.max / 1e6 - loopResolutionMs)), longestCollectionMs: tenths(longestCollection) };
    },
  };
}

/** Milliseconds to the tenth. */
const tenths = (ms: number) => Math.round(ms * 10) / 10;

process.once('message', (load: PacedRun) => {
  void run(load).then(
    (latency) =>
      process.send?.(latency, (error: Error | null) => {
        process.exit(error ? 1 : 0);
      }),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
