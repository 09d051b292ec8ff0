import 'reflect-metadata';
import { Backends } from '@arrears/backends';
import { ChainCheckpointer, loadChainKey } from '@arrears/event-store';
import { loadConfig, RandomIdGenerator, runningEmbeddedPostgres, SystemClock } from '@arrears/platform';

/**
 * `npm run chain:checkpoint`: signs one checkpoint of every chained stream's head now, besides the
 * scheduler's periodic ones. Works on the configured stores or on the embedded database of a running
 * service (with the chain key it keeps in DATA_DIR).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const eventStoreUrl = config.eventStoreUrl ?? (await runningEmbeddedPostgres(config.dataDir));
  const clock = new SystemClock();
  const chainKey = await loadChainKey(config);
  const backends = await Backends.open({ ...config, eventStoreUrl }, clock, new RandomIdGenerator());
  try {
    const made = await new ChainCheckpointer(backends.storedEvents, chainKey, () => clock.now()).checkpoint();
    console.log(made ? `Checkpoint ${made.revision} anchors ${made.streams} streams; MAC ${made.mac}` : 'No stream moved since the last checkpoint.');
  } finally {
    await backends.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
