import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Backends } from '@arrears/backends';
import { ContactPoliciesInForce, OptOutLinks, type ImportProgress } from '@arrears/commands';
import { loadChainKey } from '@arrears/event-store';
import { loadConfig, RandomIdGenerator, runningEmbeddedPostgres, SystemClock } from '@arrears/platform';
import { ledgerImport } from './ledger-importer';

/**
 * Imports a ledger file (docs/imports.md) as `actorId`, a system actor for every creditor, on the
 * configured stores, on the embedded database of a running service, or on the embedded one it starts
 * itself; `onProgress` hears the progress as lines go by. Answers the final progress.
 */
export async function importLedgerFile(path: string, actorId: string, onProgress: (progress: ImportProgress) => void): Promise<ImportProgress> {
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson';
  const bytesTotal = (await stat(path)).size;
  const config = loadConfig(process.env, 'import');
  const eventStoreUrl = config.eventStoreUrl ?? (await runningEmbeddedPostgres(config.dataDir));
  const clock = new SystemClock();
  const ids = new RandomIdGenerator();
  const chainKey = await loadChainKey(config);
  const backends = await Backends.open({ ...config, eventStoreUrl }, clock, ids);
  try {
    const importId = ids.uuid();
    const caller = { correlationId: importId, causationId: importId, actor: { id: actorId, role: 'system' as const }, creditors: '*' as const };
    const tools = {
      eventStore: backends.eventStore,
      vault: backends.vault,
      chainKey,
      clock,
      ids,
      policies: new ContactPoliciesInForce(config).policies,
      links: new OptOutLinks(chainKey, config.publicUrl),
    };
    return await ledgerImport(tools, caller, importId, bytesTotal).run(createReadStream(path, { highWaterMark: 1 << 20 }), format, onProgress);
  } finally {
    await backends.onApplicationShutdown();
  }
}
