import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { loadConfig } from '@arrears/platform';
import { addMonths } from '@arrears/simulation';
import { runSimulation } from '../simulation/run-simulation';
import { progressLine } from '../simulation/simulation-report';

const usage = 'Usage: npm run demo -- [--seed 1] [--accounts 300]   (accounts, 3 to 6000)';
/** The demo's portfolio lives its last three months up to yesterday. */
const months = 3;

/**
 * `npm run demo`: the simulator at a small size (300 accounts of three creditors by default, three
 * months up to yesterday) into the running service's embedded database (or the configured stores), so
 * the console shows a portfolio with a history: invoices, payments, reminders, calls, promises, plans
 * and disputes. Run it once per database: the simulator refuses a store that already holds its accounts.
 */
async function main(): Promise<void> {
  Logger.overrideLogger(['warn', 'error', 'fatal']);
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, accounts: { type: 'string', default: '300' } } });
  const [seed, accounts] = [Number(values.seed), Number(values.accounts)];
  if (!Number.isInteger(seed) || seed < 0 || !Number.isInteger(accounts) || accounts < 3 || accounts > 6000) throw new Error(usage);
  const today = new Date().toISOString().slice(0, 10);
  const report = await runSimulation(loadConfig(process.env, 'demo'), {
    accounts,
    creditors: 3,
    months,
    seed,
    start: addMonths(today, -months),
    callsPerDay: Math.max(10, Math.round(accounts / 10)),
    concurrency: 16,
    onProgress: (progress) => process.stderr.write(`${progressLine(progress)}\n`),
  });
  const { champion, challenger } = report.arms;
  console.log(`Loaded ${report.accounts} accounts, ${report.facts} facts (${report.start} to ${report.end}) in ${report.wallSeconds} s.`);
  console.log(
    `Collected: champion ${champion.collected / 100} USD over ${champion.accounts} accounts, challenger ${challenger.collected / 100} USD over ${challenger.accounts}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
