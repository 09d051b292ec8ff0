import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureModel } from '../../libs/domain/src/risk/score-model.fixtures';
import { closedAfterAll } from './support/closed-after-all';
import { invoiceBody, openAccountBody, paymentBody, readModelsCaughtUp, startTestApi, uniqueId, type ParsedJson, type TestApi } from './support/test-api';

/** A models' folder holding these models, one file each. */
async function modelsFolder(...models: object[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'arrears-models-'));
  for (const [i, model] of models.entries()) await writeFile(join(dir, `model-${i}.json`), JSON.stringify(model));
  return dir;
}

const idsOf = (body: ParsedJson): string[] => body.items.map((item: { accountId: string }) => item.accountId);

describe('the worklist by expected recovery, with the behaviour score explained (e2e)', () => {
  const closeLater = closedAfterAll();
  let api: TestApi;
  const creditorId = uniqueId('cred');

  /** An account of the creditor owing `amount` since 2026-02-01. */
  async function delinquent(amount: number): Promise<string> {
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId, creditorId))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1', { amount, dueOn: '2026-02-01', terms: { graceDays: 0 } }))).status).toBe(
      201,
    );
    return accountId;
  }

  beforeAll(async () => {
    const dir = await modelsFolder(fixtureModel('m-1'), fixtureModel('m-2', { intercept: 0.5 }));
    const env = {
      SCORE_MODELS_DIR: dir,
      SCORE_MODELS: JSON.stringify({ champion: 'm-1', challenger: 'm-2', challengerShare: 0.3 }),
      WORKLIST_ORDER: 'expected-recovery',
    };
    api = closeLater(await startTestApi({ now: '2026-03-02T15:00:00Z', env }), (started) => started.close());
  });

  it('orders by overdue × propensity × contactable now, shows the three parts, and the heuristic on asking', async () => {
    for (const amount of [400_000, 300_000, 900_000, 20_000]) await delinquent(amount);
    await readModelsCaughtUp(api);
    const byRecovery = await api.get(`/worklist?creditorId=${creditorId}`);
    expect(byRecovery.status).toBe(200);
    expect(byRecovery.body.order).toEqual({
      by: 'expected-recovery',
      reason: expect.stringContaining('overdue balance × propensity to pay × contactable now'),
    });
    const totals = byRecovery.body.items.map((item: ParsedJson) => item.expectedRecovery.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const [first] = byRecovery.body.items;
    expect(first.expectedRecovery).toEqual({
      total: Math.round(first.overdueAmount * first.propensity.probability),
      parts: { overdueAmount: first.overdueAmount, propensity: first.propensity.probability, contactableNow: true },
    });
    expect(first.propensity).toMatchObject({ modelVersion: expect.stringMatching(/^m-[12]$/), arm: expect.stringMatching(/champion|challenger/) });
    expect(first.propensity.contributions[0]).toMatchObject({ feature: 'daysPastDue', label: 'Days past due' });

    const byHeuristic = await api.get(`/worklist?creditorId=${creditorId}&order=heuristic`);
    expect(byHeuristic.body.order.by).toBe('heuristic');
    const scores = byHeuristic.body.items.map((item: ParsedJson) => item.score.total);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(idsOf(byHeuristic.body))).toEqual(new Set(idsOf(byRecovery.body)));
    expect((await api.get(`/worklist?order=largest`)).status).toBe(400);
  });

  it('pages by expected recovery with a stable cursor', async () => {
    const all = idsOf((await api.get(`/worklist?creditorId=${creditorId}`)).body);
    const page1 = await api.get(`/worklist?creditorId=${creditorId}&limit=2`);
    const page2 = await api.get(`/worklist?creditorId=${creditorId}&limit=2&cursor=${page1.body.nextCursor}`);
    expect([...idsOf(page1.body), ...idsOf(page2.body)]).toEqual(all);
  });

  it('shows the score on the account, and counts collections by segment and scoring arm in the KPIs', async () => {
    const accountId = await delinquent(50_000);
    await readModelsCaughtUp(api);
    const account = await api.get(`/accounts/${accountId}`);
    const { segment, arm } = account.body.propensity;
    expect(account.body.expectedRecovery.parts).toMatchObject({ overdueAmount: 50_000, contactableNow: true });
    expect((await api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 20_000, { receivedOn: '2026-03-02' }))).status).toBe(201);
    await readModelsCaughtUp(api);
    const { workflow } = (await api.get(`/kpis?creditorId=${creditorId}&from=2026-03-01&to=2026-03-31`)).body.currencies.USD.period;
    expect(workflow.collectedBySegment[segment]).toBe(20_000);
    expect(workflow.collectedByScoringArm[arm]).toBe(20_000);
  });
});

describe('the scoring models at boot (e2e)', () => {
  it('keeps the heuristic without any model, and says so when expected recovery is asked for', async () => {
    const api = await startTestApi({ env: { SCORE_MODELS_DIR: await modelsFolder(), WORKLIST_ORDER: 'expected-recovery' } });
    try {
      const worklist = await api.get('/worklist');
      expect(worklist.body.order).toEqual({ by: 'heuristic', reason: expect.stringContaining('no score model is in use') });
    } finally {
      await api.close();
    }
  });

  it('refuses to start on an unknown model version or a malformed model file, saying which', async () => {
    const dir = await modelsFolder(fixtureModel('m-1'));
    await expect(startTestApi({ env: { SCORE_MODELS_DIR: dir, SCORE_MODELS: '{"champion":"m-7"}' } })).rejects.toThrow(
      /no model m-7 in the models' folder \(models found: m-1\)/,
    );
    const malformed = await modelsFolder({ ...fixtureModel('m-2'), weights: {} });
    await expect(startTestApi({ env: { SCORE_MODELS_DIR: malformed } })).rejects.toThrow(/model-0\.json: weights lacks a number for overdueAmount/);
    await expect(startTestApi({ env: { SCORE_MODELS_DIR: join(dir, 'absent') } })).rejects.toThrow(/SCORE_MODELS_DIR must name a readable folder/);
  });
});
