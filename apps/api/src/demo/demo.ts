import 'reflect-metadata';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { progressLine } from '@arrears/commands';
import { importLedgerFile } from '../imports/ledger-file-import';
import { demoPortfolio } from './demo-portfolio';

const usage = 'Usage: npm run demo -- [--seed 1] [--accounts 100]   (accounts per creditor, 1 to 2000)';

/**
 * `npm run demo`: loads a small portfolio (three creditors, 100 accounts each by default) through the
 * ledger import into the running service's embedded database (or the configured stores), then exits.
 * The same seed on the same day gives the same facts: running it again appends nothing.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, accounts: { type: 'string', default: '100' } } });
  const [seed, accounts] = [Number(values.seed), Number(values.accounts)];
  if (!Number.isInteger(seed) || !Number.isInteger(accounts) || accounts < 1 || accounts > 2000) throw new Error(usage);
  const today = new Date().toISOString().slice(0, 10);
  const lines = demoPortfolio(today, seed, accounts);
  const directory = await mkdtemp(join(tmpdir(), 'arrears-demo-'));
  const file = join(directory, 'demo.ndjson');
  try {
    await writeFile(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const finished = await importLedgerFile(file, 'demo', () => undefined);
    console.log(`${finished.status}: ${progressLine(finished)}`);
    for (const error of finished.errors.slice(0, 10)) console.log(`line ${error.line}${error.field ? ` (${error.field})` : ''}: ${error.code} ${error.reason}`);
    process.exitCode = finished.status === 'failed' ? 1 : 0;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
