import { Client } from 'pg';
import { chainHash, chainStart, checkpointStream, PostgresEventStore } from '@arrears/event-store';
import { SchedulerLoop } from '@arrears/scheduler';
import { closedAfterAll } from './support/closed-after-all';
import { as, invoiceBody, openAccountBody, paymentBody, startTestApi, uniqueId, wakeScheduler, type TestApi } from './support/test-api';

/**
 * The service on a database of its own, and what someone who can write that database but does not
 * hold the chain key can do to it, directly in PostgreSQL.
 */
function attackedService() {
  const it = {} as { api: TestApi; sql: Client; stored: PostgresEventStore };
  const closeLater = closedAfterAll();
  beforeAll(async () => {
    it.api = closeLater(await startTestApi({ env: { CHAIN_CHECKPOINT_INTERVAL_MS: '200' } }), (api) => api.close());
    it.sql = closeLater(new Client({ connectionString: it.api.databaseUrl }), (sql) => sql.end());
    await it.sql.connect();
    it.stored = closeLater(await PostgresEventStore.connect({ connectionString: it.api.databaseUrl, poolSize: 1 }), (stored) => stored.close());
  });
  return {
    get api() {
      return it.api;
    },
    /** An account of four events: opened, invoiced, paid twice. */
    async account(): Promise<string> {
      const accountId = uniqueId('acc');
      expect((await it.api.post('/accounts', openAccountBody(accountId))).status).toBe(201);
      expect((await it.api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1'))).status).toBe(201);
      expect((await it.api.post(`/accounts/${accountId}/payments`, paymentBody('pay-1', 2_500))).status).toBe(201);
      expect((await it.api.post(`/accounts/${accountId}/payments`, paymentBody('pay-2', 2_500))).status).toBe(201);
      return accountId;
    },
    verify: async (accountId: string) => (await it.api.get(`/accounts/${accountId}/history/verify`, await as('auditor', 'auditor-1'))).body,
    /** A checkpoint on demand, as the scheduler makes them. */
    checkpoint: () => it.api.app.get(SchedulerLoop).checkpoint(),
    deleteLastEvent: (accountId: string) => it.sql.query('DELETE FROM events WHERE stream_id = $1 AND revision = 3', [`account-${accountId}`]),
    /**
     * Sets the last payment's amount to 1 and chains the stream again from `from` with the chain's
     * public algorithm from before it was keyed (plain SHA-256), writing the rows back in place.
     */
    async editAndRechain(accountId: string, from: number, keepKeyId: boolean): Promise<void> {
      const events = await it.stored.readStream(`account-${accountId}`);
      const edited = events.map((event) => (Number(event.revision) === 3 ? { ...event, data: { ...event.data, amount: 1 } } : event));
      let previous = from === 0 ? chainStart : (edited[from - 1]?.metadata.hash as string);
      for (const event of edited.slice(from)) {
        const { chainKeyId, ...bare } = event.metadata;
        const metadata = { ...bare, previousHash: previous, ...(keepKeyId ? { chainKeyId } : {}) };
        // chainHash leaves the old hash out of what it hashes; the new one replaces it in the row.
        const hash = chainHash({ ...event, metadata }, previous, undefined);
        await it.sql.query('UPDATE events SET data = $2, metadata = $3 WHERE event_id = $1', [event.id, event.data, { ...metadata, hash }]);
        previous = hash;
      }
    },
    /** Rewrites the latest checkpoint's head of an account to its revision 2, keeping the old MAC. */
    async rewriteCheckpoint(accountId: string): Promise<void> {
      const streamId = `account-${accountId}`;
      const [kept] = await it.stored.readStream(streamId, { fromRevision: 2n, maxCount: 1 });
      await it.sql.query(
        `UPDATE events SET data = jsonb_set(data, ARRAY['heads', $2::text], $3::jsonb)
          WHERE stream_id = $1 AND revision = (SELECT max(revision) FROM events WHERE stream_id = $1)`,
        [checkpointStream, streamId, JSON.stringify({ revision: 2, hash: kept?.metadata.hash })],
      );
    },
  };
}

describe('tamper evidence against a writer of the database', () => {
  const service = attackedService();

  it('reports a history as keyed and intact, and anchored once a checkpoint saw it', async () => {
    const accountId = await service.account();
    expect(await service.verify(accountId)).toMatchObject({ status: 'intact', events: 4, unkeyedEvents: 0, anchoredRevision: null });
    await service.checkpoint();
    expect(await service.verify(accountId)).toMatchObject({ status: 'intact', events: 4, anchoredRevision: 3 });
  });

  it('catches an edit re-chained with plain SHA-256, whether the events keep their key id or drop it', async () => {
    const keptKeyId = await service.account();
    await service.editAndRechain(keptKeyId, 3, true);
    expect(await service.verify(keptKeyId)).toMatchObject({ status: 'broken', firstBrokenRevision: 3, reason: 'HASH_MISMATCH' });
    const droppedKeyId = await service.account();
    await service.editAndRechain(droppedKeyId, 3, false);
    expect(await service.verify(droppedKeyId)).toMatchObject({ status: 'broken', firstBrokenRevision: 3, reason: 'UNKEYED_AFTER_KEYED' });
  });

  it('catches a whole history re-chained with plain SHA-256 by its anchor; before any checkpoint, says no event is keyed', async () => {
    const anchored = await service.account();
    await service.checkpoint();
    await service.editAndRechain(anchored, 0, false);
    expect(await service.verify(anchored)).toMatchObject({ status: 'broken', firstBrokenRevision: 3, reason: 'ANCHOR_MISMATCH' });
    const unanchored = await service.account();
    await service.editAndRechain(unanchored, 0, false);
    expect(await service.verify(unanchored)).toMatchObject({ status: 'intact', unkeyedEvents: 4, anchoredRevision: null });
  });

  it('reports the last event deleted after a checkpoint as a truncation', async () => {
    const accountId = await service.account();
    await service.checkpoint();
    await service.deleteLastEvent(accountId);
    expect(await service.verify(accountId)).toMatchObject({ status: 'broken', events: 3, firstBrokenRevision: 3, reason: 'TRUNCATED' });
  });

  it('is checkpointed by the scheduler on its interval, after the timeline’s own commands', async () => {
    const accountId = await service.account();
    await new Promise((resolve) => setTimeout(resolve, 250));
    await wakeScheduler(service.api);
    const report = await service.verify(accountId);
    expect(report).toMatchObject({ status: 'intact', anchoredRevision: report.events - 1 });
    expect(report.events).toBeGreaterThan(4);
  });
});

describe('a forged checkpoint', () => {
  const service = attackedService();

  it('is caught when it was rewritten to hide a truncation, and is not extended', async () => {
    const accountId = await service.account();
    await service.checkpoint();
    await service.deleteLastEvent(accountId);
    await service.rewriteCheckpoint(accountId);
    expect(await service.verify(accountId)).toMatchObject({ status: 'broken', reason: 'CHECKPOINT_FORGED' });
    await service.account();
    await expect(service.checkpoint()).rejects.toThrow(/altered/);
  });
});
