import 'reflect-metadata';
import { Backends } from '@arrears/backends';
import { loadConfig, RandomIdGenerator, reportingZones, runningEmbeddedPostgres, SystemClock } from '@arrears/platform';
import { ScoringInForce, loadAccountSearchKey, readModelsFor, rebuildProjection } from '@arrears/projections';

/**
 * `npm run projections:rebuild -- <name>`: rebuilds one read model from position 0 beside the live
 * one and swaps it in, while the service keeps serving (and projecting). Works on the configured
 * stores, on the embedded database of a running service, or starts the embedded one itself.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'rebuild');
  const readModels = readModelsFor(reportingZones(config.reportingTimeZones), await loadAccountSearchKey(config), new ScoringInForce(config).scoring);
  const name = process.argv[2];
  const target = readModels.find(({ projection }) => projection.name === name);
  if (!target) {
    console.error(`Usage: npm run projections:rebuild -- <name>, where name is one of: ${readModels.map(({ projection }) => projection.name).join(', ')}`);
    process.exit(2);
  }
  const eventStoreUrl = config.eventStoreUrl ?? (await runningEmbeddedPostgres(config.dataDir));
  const backends = await Backends.open({ ...config, eventStoreUrl }, new SystemClock(), new RandomIdGenerator());
  try {
    const started = Date.now();
    let reported = 0;
    const { position } = await rebuildProjection(backends.eventStore, backends.readStore, target, {
      batchSize: config.projectorBatchSize,
      batchWaitMs: config.projectorBatchWaitMs,
      leaseTtlMs: config.projectorLeaseMs,
      log: (message) => {
        console.error(message);
      },
      progress: (at, head) => {
        if (Date.now() - reported < 1000) return;
        reported = Date.now();
        console.log(`${target.projection.name}: ${at} of ${head}`);
      },
    });
    console.log(`Rebuilt ${target.projection.name} up to position ${position} in ${((Date.now() - started) / 1000).toFixed(1)} s, and swapped it in.`);
  } finally {
    await backends.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
