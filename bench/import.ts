import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { stoppedOnInterrupt } from './interrupted';

/** Facts per generated account: its opening, six invoices, three payments and a note. */
const factsPerAccount = 11;

/**
 * Writes a ledger of about `facts` lines (NDJSON, grouped by account as exports usually are): monthly
 * invoices from January 2025, each account opened before its first one, part-paid, with a note.
 */
export async function writeLedger(path: string, facts: number): Promise<number> {
  const out = createWriteStream(path);
  const accounts = Math.ceil(facts / factsPerAccount);
  for (let a = 0; a < accounts; a++) {
    const accountId = `imp-${a}`;
    const lines: unknown[] = [
      {
        type: 'account',
        accountId,
        creditorId: 'cred-bench',
        debtorReference: `D-${a}`,
        debtorName: `Debtor ${a}`,
        timeZone: 'America/New_York',
        openedOn: '2024-12-15',
      },
    ];
    for (let m = 1; m <= 6; m++) {
      const month = String(m).padStart(2, '0');
      lines.push({
        type: 'invoice',
        accountId,
        invoiceId: `inv-${m}`,
        amount: 10_000 + (a % 97) * 100,
        currency: 'USD',
        issuedOn: `2025-${month}-01`,
        dueOn: `2025-${month}-28`,
        graceDays: 5,
      });
    }
    for (let p = 1; p <= 3; p++) {
      lines.push({
        type: 'payment',
        accountId,
        paymentId: `pay-${p}`,
        amount: 8_000,
        currency: 'USD',
        receivedOn: `2025-0${p + 1}-15`,
        method: 'bank_transfer',
      });
    }
    lines.push({ type: 'note', accountId, text: 'Brought over from the previous ledger.', at: '2025-07-01T14:00:00Z' });
    if (!out.write(`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return accounts * factsPerAccount;
}

export interface ImportFigure {
  facts: number;
  seconds: number;
  /** With the process's start and the stores' opening. */
  wallSeconds: number;
  factsPerSecond: number;
  eventsAppended: number;
  peakRssMiB: number;
}

/** Imports the file with `npm run import`'s program in its own process, so its peak memory is the import's alone. */
export async function measureImport(url: string, path: string, facts: number, env: Record<string, string>): Promise<ImportFigure> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [resolve(__dirname, '../apps/api/src/import.js'), path, '--json'], {
    env: { ...process.env, EVENT_STORE_URL: url, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  void stoppedOnInterrupt(child);
  let last = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n').filter(Boolean)) {
      if (line.startsWith('{')) last = line;
      else console.log(`  ${line}`);
    }
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0 || !last) throw new Error(`The import exited with ${String(code)}.`);
  const result = JSON.parse(last) as {
    linesApplied: number;
    factsAppended: number;
    peakRssBytes: number;
    linesRefused: number;
    startedAt: string;
    finishedAt: string;
  };
  // The import's own time: the process's start and the stores' opening are not the import's pace.
  const importSeconds = (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000;
  if (result.linesApplied !== facts) throw new Error(`Only ${result.linesApplied} of ${facts} lines were applied (${result.linesRefused} refused).`);
  return {
    facts,
    seconds: Math.round(importSeconds * 10) / 10,
    wallSeconds: Math.round(seconds * 10) / 10,
    factsPerSecond: Math.round(facts / importSeconds),
    eventsAppended: result.factsAppended,
    peakRssMiB: Math.round(result.peakRssBytes / 1024 / 1024),
  };
}
