import { Logger } from '@nestjs/common';
import { Backends } from '@arrears/backends';
import { FixedClock, loadConfig, RandomIdGenerator, type AppConfig } from '@arrears/platform';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { runSimulation } from './run-simulation';
import { progressLine, type SimulationOptions, type SimulationProgress, type SimulationReport } from './simulation-report';

/** The keys held outside the databases, which configured stores need. */
const secrets = { CHAIN_KEY: 'simulation-chain-key-of-at-least-32-characters', KEY_ENCRYPTION_KEY: 'simulation-key-encryption-key-of-32-characters' };
const options: SimulationOptions = { accounts: 50, creditors: 3, months: 2, seed: 7, start: '2026-01-05', callsPerDay: 8, concurrency: 8 };

/** Every fact in the store, as the simulation is judged by: where, what, when (not ids, hashes or the time it was written). */
async function factsIn(config: AppConfig): Promise<string[]> {
  const backends = await Backends.open(config, new FixedClock(new Date()), new RandomIdGenerator());
  try {
    const facts: string[] = [];
    for (let after: bigint | undefined; ;) {
      const page = await backends.eventStore.readAll({ ...(after === undefined ? {} : { after }), maxCount: 5_000 });
      for (const event of page) facts.push(`${event.streamId}#${event.revision} ${event.type} ${event.metadata.occurredAt} ${JSON.stringify(event.data)}`);
      const last = page[page.length - 1];
      if (!last) return facts.sort();
      after = last.position;
    }
  } finally {
    await backends.onApplicationShutdown();
  }
}

describe('the portfolio simulator (npm run simulate), on the embedded PostgreSQL', () => {
  let first: { config: AppConfig; report: SimulationReport; facts: string[]; progress: SimulationProgress[] };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    const config = loadConfig({ ...secrets, EVENT_STORE_URL: await createTestDatabase() }, 'simulate');
    const progress: SimulationProgress[] = [];
    const report = await runSimulation(config, { ...options, progressEveryMs: 0, onProgress: (stand) => progress.push(stand) });
    first = { config, report, facts: await factsIn(config), progress };
  }, 120_000);

  it('reports its progress through every stage: the opening ledger, each account read back, then each day', () => {
    const { report, progress } = first;
    expect([...new Set(progress.map(({ stage }) => stage))]).toEqual(['opening', 'reading back', 'days']);
    const last = (stage: SimulationProgress['stage']) => progress.filter((stand) => stand.stage === stage).at(-1);
    expect(last('opening')).toMatchObject({ done: 50, total: 50, date: null, etaSeconds: 0 });
    expect(last('reading back')).toMatchObject({ done: 50, total: 50, facts: report.opening.facts, etaSeconds: 0 });
    expect(last('days')).toMatchObject({ done: 59, total: 59, date: '2026-03-04', facts: report.facts, etaSeconds: 0 });
    const facts = progress.map((stand) => stand.facts);
    expect(facts).toEqual([...facts].sort((a, b) => a - b));
    expect(facts[0]).toBeGreaterThan(0);
    expect(progressLine({ stage: 'opening', done: 261_045, total: 1_000_000, date: null, facts: 2_347_962, factsPerSecond: 7_012, etaSeconds: 1630 })).toBe(
      'opening: 261,045/1,000,000 accounts · 2,347,962 facts · 7,012 facts/s · ETA 27m10s',
    );
  });

  it('writes every fact it reports into the event store, through the import and the command path', () => {
    const { report, facts } = first;
    expect(report.facts).toBe(facts.length);
    expect(Object.values(report.factsByType).reduce((sum, count) => sum + count, 0)).toBe(report.facts);
    expect(report.factsByType.AccountOpened).toBe(50);
    expect(report.opening).toMatchObject({ linesRefused: 0 });
    for (const type of ['InvoiceIssued', 'PaymentReceived', 'CollectionStepTaken', 'ReminderSent', 'ContactAttempted', 'PromiseToPayMade', 'PaymentMissed']) {
      expect(report.factsByType[type]).toBeGreaterThan(0);
    }
    expect(facts.filter((fact) => / InvoiceIssued /.test(fact)).length).toBe(report.factsByType.InvoiceIssued);
  });

  it('reports each arm: every account in one, the money collected adding up to the payments made during the months', () => {
    const { report, facts } = first;
    const { champion, challenger } = report.arms;
    expect(champion.accounts + challenger.accounts).toBe(50);
    const collected = facts
      .filter((fact) => / PaymentReceived /.test(fact) && fact.split(' ')[2]! >= '2026-01-05')
      .reduce((sum, fact) => sum + (JSON.parse(fact.slice(fact.indexOf('{'))) as { amount: number }).amount, 0);
    expect(champion.collected + challenger.collected).toBe(collected);
    expect(champion.contacts + challenger.contacts).toBeGreaterThan(0);
    expect(report.truth.on_time.accounts + report.truth.late.accounts + report.truth.partial.accounts + report.truth.never.accounts).toBe(50);
    expect(report.days).toBe(59);
    expect(report.factsPerSecond).toBeGreaterThan(0);
  });

  it('counts a call the contact rules refuse as an outcome, not a failure', () => {
    const { report } = first;
    expect(report.scheduler.failed).toBe(0);
    expect(report.calls.attempted).toBeGreaterThan(0);
    const refusedCalls = Object.entries(report.commands.refusals)
      .filter(([key]) => key.startsWith('LogContactAttempt:'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(refusedCalls).toBe(report.calls.refused);
  });

  it('lives a number of days instead of months when told: the first days of the same portfolio', async () => {
    const config = loadConfig({ ...secrets, EVENT_STORE_URL: await createTestDatabase() }, 'simulate');
    const report = await runSimulation(config, { ...options, days: 3 });
    expect(report).toMatchObject({ days: 3, months: null, start: '2026-01-05', end: '2026-01-07', opening: first.report.opening });
    const firstDays = first.facts.filter((fact) => fact.split(' ')[2]! < '2026-01-08');
    expect(await factsIn(config)).toEqual(firstDays);
  }, 120_000);

  it('writes the same facts again for the same seed, in another database', async () => {
    const config = loadConfig({ ...secrets, EVENT_STORE_URL: await createTestDatabase() }, 'simulate');
    const report = await runSimulation(config, options);
    expect(report.factsByType).toEqual(first.report.factsByType);
    expect(report.arms).toEqual(first.report.arms);
    expect(await factsIn(config)).toEqual(first.facts);
  }, 120_000);
});
