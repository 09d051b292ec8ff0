import { Client } from 'pg';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { PostgresReadStore } from './postgres.read-store';

/**
 * Processes sharing one database meet a collection that none has made yet: each makes its table on its
 * first write and its indexes as it starts. PostgreSQL lets two `CREATE … IF NOT EXISTS` of one relation race in
 * its catalog, and concurrent index builds wait on each other.
 */
describe('PostgreSQL read store: a collection and its indexes made by two processes at once', () => {
  let stores: PostgresReadStore[];
  let client: Client;
  beforeAll(async () => {
    const url = await createTestDatabase();
    stores = await Promise.all([PostgresReadStore.connect(url, 4), PostgresReadStore.connect(url, 4)]);
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await Promise.all([...stores.map((store) => store.close()), client.end()]);
  });

  it('lands the first puts of both into each new collection', async () => {
    const collections = Array.from({ length: 20 }, (_, n) => `first_${n}`);

    const outcomes = await Promise.allSettled(
      collections.flatMap((collection) =>
        stores.flatMap((store, s) => [0, 1].map((n) => store.apply([{ kind: 'put', collection, document: { id: `s${s}-${n}` } }]))),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    for (const collection of collections) expect(await stores[0]!.find(collection)).toHaveLength(4);
  });

  it('makes the same indexes from both at once', async () => {
    const collections = Array.from({ length: 10 }, (_, n) => `indexed_${n}`);
    const indexes = [{ name: 'by_due', fields: [{ field: 'due', direction: 'asc' as const }] }];

    const outcomes = await Promise.allSettled(collections.flatMap((collection) => stores.map((store) => store.ensureIndexes(collection, indexes))));

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const { rows } = await client.query<{ name: string; valid: boolean | null }>(
      'SELECT name, (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(name)) AS valid FROM unnest($1::text[]) AS name',
      [collections.map((collection) => `rm_${collection}_by_due`)],
    );
    // Made, and usable: a build cut short by another's would leave its index invalid.
    expect(rows.filter(({ valid }) => valid !== true)).toEqual([]);
    expect(rows).toHaveLength(collections.length);
  });
});
