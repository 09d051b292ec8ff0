import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Backends } from '@arrears/backends';
import { ContactPoliciesInForce, OptOutLinks, progressLine, type ImportProgress } from '@arrears/commands';
import { loadChainKey } from '@arrears/event-store';
import { loadConfig, RandomIdGenerator, runningEmbeddedPostgres, SystemClock } from '@arrears/platform';
import { ledgerImport } from './imports/ledger-importer';

/**
 * `npm run import -- <file.ndjson|file.csv> [--json]`: loads an existing ledger (docs/imports.md) on
 * the configured stores, on the embedded database of a running service, or on the embedded one it
 * starts itself. Prints progress every second; run again to resume: what is there is skipped.
 * `--json` ends with the final progress and the peak memory as one JSON line.
 */
async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path || path.startsWith('--')) {
    console.error('Usage: npm run import -- <file.ndjson|file.csv> [--json]');
    process.exit(2);
  }
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson';
  const bytesTotal = (await stat(path)).size;
  const config = loadConfig(process.env, 'import');
  const eventStoreUrl = config.eventStoreUrl ?? (await runningEmbeddedPostgres(config.dataDir));
  const clock = new SystemClock();
  const ids = new RandomIdGenerator();
  const chainKey = await loadChainKey(config);
  const backends = await Backends.open({ ...config, eventStoreUrl }, clock, ids);
  let finished: ImportProgress;
  try {
    const importId = ids.uuid();
    const caller = { correlationId: importId, causationId: importId, actor: { id: 'import-cli', role: 'system' as const }, creditors: '*' as const };
    const policies = new ContactPoliciesInForce(config).policies;
    const tools = {
      eventStore: backends.eventStore,
      vault: backends.vault,
      chainKey,
      clock,
      ids,
      policies,
      links: new OptOutLinks(chainKey, config.publicUrl),
    };
    let printed = 0;
    finished = await ledgerImport(tools, caller, importId, bytesTotal).run(createReadStream(path, { highWaterMark: 1 << 20 }), format, (progress) => {
      if (Date.now() - printed < 1000) return;
      printed = Date.now();
      console.log(progressLine(progress));
    });
  } finally {
    await backends.onApplicationShutdown();
  }
  console.log(`${finished.status}: ${progressLine(finished)}`);
  for (const error of finished.errors.slice(0, 20)) console.log(`line ${error.line}${error.field ? ` (${error.field})` : ''}: ${error.code} ${error.reason}`);
  if (finished.errorCount > 20) console.log(`… and ${finished.errorCount - 20} more refused lines.`);
  if (finished.failure) console.error(`The import stopped: ${finished.failure}. Run it again to resume.`);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ...finished, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
  process.exitCode = finished.status === 'failed' ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
