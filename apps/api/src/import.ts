import 'reflect-metadata';
import { progressLine } from '@arrears/commands';
import { importLedgerFile } from './imports/ledger-file-import';

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
  let printed = 0;
  const finished = await importLedgerFile(path, 'import-cli', (progress) => {
    if (Date.now() - printed < 1000) return;
    printed = Date.now();
    console.log(progressLine(progress));
  });
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
