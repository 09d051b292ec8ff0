/**
 * The portfolio the read side is measured on, and how its reads address it: the bench's own accounts
 * (`writeAccounts`: two or three events each, straight into the log), or one the simulator lives
 * (`--simulated-days D`): the opening ledger through the import, then D days of invoices, payments,
 * reminders, calls, promises, plans and disputes through the service's write path, so that accounts
 * carry the histories the service meets.
 */
import { Logger } from '@nestjs/common';
import { addDays, type IsoDate } from '@arrears/domain';
import type { PostgresEventStore } from '@arrears/event-store';
import { loadConfig } from '@arrears/platform';
import { accountOf, creditorOf } from '@arrears/simulation';
import { runSimulation } from '../apps/api/src/simulation/run-simulation';
import { progressLine } from '../apps/api/src/simulation/simulation-report';
import { benchCreditors, writeAccounts } from './bench-accounts';
import { benchSecrets } from './service';

export interface Portfolio {
  /** How it was written, for the figures' labels. */
  kind: string;
  /** An account picked at random across the portfolio, as a path to read it. */
  accountPath: () => string;
  /** The creditors its accounts belong to. */
  creditors: string[];
  /** The KPIs over 365 days up to one of the portfolio's last days, another each time (see kpiPathsTo). */
  kpiPath: () => string;
}

/** The KPI query over the 365 days that end on `last`. */
const kpiPathTo = (last: IsoDate) => `/kpis?from=${addDays(last, -364)}&to=${last}`;

/**
 * Windows of 365 days ending on each of the last 64 days, asked in turn: more than the answers the service keeps
 * (keptAnswers, 32), so that each report is worked out from its documents rather than given again as it was; asked
 * one window alone, (g) timed only the service's check that nothing had changed.
 */
export function kpiPathsTo(last: IsoDate): () => string {
  let next = 0;
  return () => kpiPathTo(addDays(last, -(next++ % 64)));
}
const anyOf = (accounts: number) => Math.floor(Math.random() * accounts);

/** The bench's accounts, opened evenly over the year up to 28 February 2026. */
export async function benchPortfolio(events: PostgresEventStore, accounts: number, log: (line: string) => void): Promise<Portfolio> {
  log(`writing ${accounts} accounts spread over a year…`);
  await writeAccounts(events, accounts, 1, log);
  return {
    kind: 'accounts',
    accountPath: () => `/accounts/acc-${anyOf(accounts)}`,
    creditors: benchCreditors,
    kpiPath: kpiPathsTo('2026-02-28'),
  };
}

/** The creditors of the simulated portfolio. */
const simulatedCreditors = 3;

/** The simulator's defaults (seed 1, three creditors, a call a day for one account in ten), from 5 January 2026. */
export async function simulatedPortfolio(url: string, accounts: number, days: number, log: (line: string) => void): Promise<Portfolio> {
  const start = '2026-01-05';
  const lived = `${days} day${days === 1 ? '' : 's'}`;
  log(`simulating ${accounts} accounts for ${lived}…`);
  Logger.overrideLogger(['warn', 'error', 'fatal']);
  const report = await runSimulation(loadConfig({ ...benchSecrets, EVENT_STORE_URL: url }, 'simulate'), {
    accounts,
    creditors: simulatedCreditors,
    months: 1,
    days,
    seed: 1,
    start,
    callsPerDay: Math.max(10, Math.round(accounts / 10)),
    concurrency: 64,
    onProgress: (progress) => {
      log(`  ${progressLine(progress)}`);
    },
    progressEveryMs: 10_000,
  });
  log(
    `  simulated: ${report.facts} facts in ${report.wallSeconds} s (${report.factsPerSecond} facts/s), peak RSS ${Math.round(report.peakRssBytes / 2 ** 20)} MiB`,
  );
  return {
    kind: `simulated accounts (${lived})`,
    accountPath: () => `/accounts/${accountOf(anyOf(accounts), simulatedCreditors).accountId}`,
    creditors: Array.from({ length: simulatedCreditors }, (_, n) => creditorOf(n).creditorId),
    kpiPath: kpiPathsTo(report.end),
  };
}
