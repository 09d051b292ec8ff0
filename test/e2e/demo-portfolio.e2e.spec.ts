import { demoPortfolio } from '../../apps/api/src/demo/demo-portfolio';
import { closedAfterAll } from './support/closed-after-all';
import { readModelsCaughtUp, startTestApi, type TestApi } from './support/test-api';

describe('the demo portfolio (npm run demo)', () => {
  const closeLater = closedAfterAll();
  let api: TestApi;

  beforeAll(async () => {
    // Early in the UTC day, when it is still the day before in the debtors' zones: facts must not be in their future.
    api = closeLater(await startTestApi({ now: '2026-03-01T04:00:00Z' }), (started) => started.close());
  });

  it('imports as npm run demo loads it (seed 1, 100 accounts a creditor) without a refused line, and fills the worklist, the KPIs and the search', async () => {
    const body = `${demoPortfolio('2026-03-01')
      .map((line) => JSON.stringify(line))
      .join('\n')}\n`;
    const started = await api.post('/imports', body, { 'content-type': 'application/x-ndjson' });
    expect(started.status).toBe(202);
    let progress = started.body;
    while (progress.status === 'running') {
      await new Promise((done) => setTimeout(done, 50));
      progress = (await api.get(`/imports/${started.body.importId as string}`)).body;
    }
    expect(progress).toMatchObject({ status: 'done', linesRefused: 0, errors: [] });
    await readModelsCaughtUp(api);
    expect((await api.get('/worklist?limit=5')).body.items).toHaveLength(5);
    expect((await api.get('/kpis?from=2026-02-01&to=2026-03-01&creditorId=acme-energy')).status).toBe(200);
    expect((await api.get('/accounts/search?q=ae-0001')).body.items).toMatchObject([{ accountId: 'ae-0001', creditorId: 'acme-energy' }]);
  });
});
