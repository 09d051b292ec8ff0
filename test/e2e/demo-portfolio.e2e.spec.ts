import { Logger } from '@nestjs/common';
import { loadConfig } from '@arrears/platform';
import { runSimulation } from '../../apps/api/src/simulation/run-simulation';
import { closedAfterAll } from './support/closed-after-all';
import { readModelsCaughtUp, startTestApi, testSecretsEnv, type TestApi } from './support/test-api';

describe('the demo portfolio (npm run demo: the simulator at a small size)', () => {
  const closeLater = closedAfterAll();
  let api: TestApi;

  beforeAll(async () => {
    api = closeLater(await startTestApi({ now: '2026-03-01T04:00:00Z' }), (started) => started.close());
  });

  it('lives three months into the service’s database, and fills the worklist, the KPIs and the search', async () => {
    Logger.overrideLogger(['error']);
    const config = loadConfig({ ...testSecretsEnv, EVENT_STORE_URL: api.databaseUrl }, 'demo');
    const report = await runSimulation(config, { accounts: 60, creditors: 3, months: 3, seed: 1, start: '2025-12-01', callsPerDay: 10, concurrency: 8 });
    expect(report).toMatchObject({ end: '2026-02-28', opening: { linesRefused: 0 } });
    await readModelsCaughtUp(api);
    expect((await api.get('/worklist?limit=5')).body.items).toHaveLength(5);
    expect((await api.get('/kpis?from=2026-02-01&to=2026-03-01&creditorId=acme-energy')).status).toBe(200);
    expect((await api.get('/accounts/search?q=ae-000001')).body.items).toMatchObject([{ accountId: 'ae-000001', creditorId: 'acme-energy' }]);
  });

  it('refuses to live the same portfolio again in a store that holds it', async () => {
    const config = loadConfig({ ...testSecretsEnv, EVENT_STORE_URL: api.databaseUrl }, 'demo');
    await expect(
      runSimulation(config, { accounts: 60, creditors: 3, months: 1, seed: 1, start: '2025-12-01', callsPerDay: 10, concurrency: 8 }),
    ).rejects.toThrow(/already holds/);
  });
});
