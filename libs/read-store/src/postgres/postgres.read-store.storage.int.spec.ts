import type { Client } from 'pg';
import { closeReadStoreAndClient, openReadStoreAndClient } from '../../../../test/setup/test-stores';
import type { PostgresReadStore } from './postgres.read-store';

/**
 * A document of `invoices` invoices whose ids and amounts are pseudo-random: its JSON compresses to about a
 * quarter, as a folded account's does to about 40 %, where one of repeated values would compress to nothing.
 */
function documentOf(id: string, invoices: number) {
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0);
  const hex = () => next().toString(16).padStart(8, '0');
  return {
    id,
    position: 1,
    invoices: Array.from({ length: invoices }, () => ({ invoiceId: `${hex()}-${hex()}`, amount: next() % 100_000, dueOn: '2026-01-31', paid: 0 })),
  };
}

/** How PostgreSQL keeps a document: compressed or not (by which method), and what its table's TOAST holds. */
async function storageOf(client: Client, table: string, id: string) {
  const { rows } = await client.query<{ compression: string | null; toast: string }>(
    `SELECT pg_column_compression(doc) AS compression, (SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE relname = $1) AS toast
       FROM ${table} WHERE id = $2`,
    [table, id],
  );
  return rows[0];
}

describe('PostgreSQL read store: how documents are kept', () => {
  let store: PostgresReadStore;
  let client: Client;

  beforeAll(async () => {
    ({ store, client } = await openReadStoreAndClient());
  });

  afterAll(async () => {
    await closeReadStoreAndClient({ store, client });
  });

  it('keeps a document of several kilobytes compressed in its row, where PostgreSQL would move it to the TOAST table', async () => {
    const document = documentOf('a', 150);
    expect(JSON.stringify(document).length).toBeGreaterThan(10_000);
    await store.apply([{ kind: 'put', collection: 'aged', document }]);

    expect(await storageOf(client, 'rm_aged', 'a')).toEqual({ compression: expect.any(String), toast: '0' });
    expect(await store.get('aged', 'a')).toEqual(document);
  });

  it('keeps the documents of a rebuilt collection in their row once swapped in, whoever made its shadow', async () => {
    // A shadow as an earlier release made it, with PostgreSQL's default storage.
    await client.query('CREATE TABLE rm_ledger__rebuild (id text PRIMARY KEY, doc jsonb NOT NULL)');
    await store.apply([{ kind: 'put', collection: 'ledger__rebuild', document: documentOf('c', 10) }]);
    await store.replaceCollection('ledger__rebuild', 'ledger', { name: 'ledger', position: 1n });

    const { rows } = await client.query(
      `SELECT a.attstorage AS storage FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'doc' WHERE c.relname = 'rm_ledger'`,
    );
    expect(rows).toEqual([{ storage: 'm' }]);
    expect(await store.get('ledger', 'c')).toEqual(documentOf('c', 10));
  });

  it('moves out of its row only a document that does not fit in a page compressed', async () => {
    const document = documentOf('b', 1_000);
    await store.apply([{ kind: 'put', collection: 'large', document }]);

    const { toast } = (await storageOf(client, 'rm_large', 'b')) ?? {};
    expect(Number(toast)).toBeGreaterThan(0);
    expect(await store.get('large', 'b')).toEqual(document);
  });
});
