import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ImportProgress } from '@arrears/commands';
import { loadConfig, SystemClock } from '@arrears/platform';
import { ledgerImport } from './ledger-importer';
import { openWritePath } from './write-path-tools';

/**
 * Imports a ledger file (docs/imports.md) as `actorId`, a system actor for every creditor, on the
 * configured stores, on the embedded database of a running service, or on the embedded one it starts
 * itself; `onProgress` hears the progress as lines go by. Answers the final progress.
 */
export async function importLedgerFile(path: string, actorId: string, onProgress: (progress: ImportProgress) => void): Promise<ImportProgress> {
  const format = path.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson';
  const bytesTotal = (await stat(path)).size;
  const config = loadConfig(process.env, 'import');
  const { backends, tools } = await openWritePath(config, new SystemClock());
  try {
    const importId = tools.ids.uuid();
    const caller = { correlationId: importId, causationId: importId, actor: { id: actorId, role: 'system' as const }, creditors: '*' as const };
    return await ledgerImport(tools, caller, importId, bytesTotal).run(createReadStream(path, { highWaterMark: 1 << 20 }), format, onProgress);
  } finally {
    await backends.onApplicationShutdown();
  }
}
