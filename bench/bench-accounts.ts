/**
 * The accounts the read-side benchmarks write straight into the log, as a ledger would have them, and
 * the vacuum that lets the database settle after a bulk load.
 */
import { Pool } from 'pg';
import type { NewEvent, PostgresEventStore } from '@arrears/event-store';

const msPerDay = 86_400_000;
/** The last day of every portfolio's history, and of the KPI window the benchmarks query. */
const lastDay = Date.UTC(2026, 1, 28);

/**
 * `accounts` accounts opened evenly over the `years` years up to `lastDay`, 32 appends at a time;
 * `log` hears every tenth of them.
 */
export async function writeAccounts(store: PostgresEventStore, accounts: number, years: number, log: (line: string) => void): Promise<void> {
  const days = 365 * years;
  const firstDay = lastDay - (days - 1) * msPerDay;
  const append = async (i: number) => {
    const day = firstDay + Math.floor((i * days) / accounts) * msPerDay;
    await store.append(`account-acc-${i}`, accountHistory(i, day), { expectedRevision: 'no_stream' });
  };
  const tenth = Math.max(1, Math.floor(accounts / 10));
  for (let next = 0; next < accounts; next += 32) {
    await Promise.all(Array.from({ length: Math.min(32, accounts - next) }, (_, k) => append(next + k)));
    if (Math.floor((next + 32) / tenth) > Math.floor(next / tenth) && next + 32 < accounts) log(`  written ${next + 32} accounts`);
  }
}

/** The creditors of the bench's accounts, taken in turn. */
export const benchCreditors = Array.from({ length: 10 }, (_, k) => `cred-${k}`);

/** An account opened on `day` with an invoice due 30 days later; one in four pays part of it on the day and misses the rest. */
function accountHistory(i: number, day: number): NewEvent[] {
  const accountId = `acc-${i}`;
  const creditorId = benchCreditors[i % benchCreditors.length] ?? '';
  const at = new Date(day).toISOString();
  const [issuedOn, dueOn] = [at.slice(0, 10), new Date(day + 30 * msPerDay).toISOString().slice(0, 10)];
  const metadata = {
    correlationId: accountId,
    causationId: accountId,
    actor: { id: 'bench', role: 'system' },
    occurredAt: at,
    recordedAt: at,
    schemaVersion: 1,
    creditorId,
  };
  const amount = 5_000 + (i % 997) * 100;
  const facts: [string, Record<string, unknown>][] = [
    ['AccountOpened', { accountId, creditorId, debtor: { reference: accountId, timeZone: 'UTC' } }],
    ['InvoiceIssued', { invoiceId: 'inv-1', amount, currency: 'EUR', issuedOn, dueOn, terms: { graceDays: 0 } }],
  ];
  if (i % 4 === 0) {
    const allocations = [{ invoiceId: 'inv-1', amount: 1_000 }];
    facts.push(
      [
        'PaymentReceived',
        { paymentId: 'pay-1', amount: 1_000, currency: 'EUR', receivedOn: issuedOn, method: 'card', allocations, installmentAllocations: [], credited: 0 },
      ],
      ['PaymentMissed', { invoiceId: 'inv-1', dueOn, overdueAmount: amount - 1_000, currency: 'EUR', missedOn: dueOn }],
    );
  }
  return facts.map(([type, data], n) => ({ id: `00000000-0000-4000-9000-${(i * 10 + n).toString(16).padStart(12, '0')}`, type, data, metadata }));
}

/**
 * What autovacuum does soon after a bulk load, done before the next measurement rather than during
 * it: statistics, so the planner picks the right indexes, and the visibility map of the tables just
 * filled (the whole database is vacuumed). At 1M accounts an autovacuum worker otherwise ran
 * through most of the worklist's load.
 */
export async function vacuumAnalyze(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  await pool.query('VACUUM (ANALYZE)');
  await pool.end();
}
