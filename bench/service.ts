import { createServer } from 'node:net';

/** Polls /health until the service answers 200. */
export async function waitUntilHealthy(base: string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The service did not become healthy.');
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
