import { kpiIndexes, kpiReadModel, type KpiDayDocument } from '@arrears/projections';
import { PostgresReadStore, type Query, type ReadStore } from '@arrears/read-store';
import { addDays } from '@arrears/domain';
import { FixedClock } from '@arrears/platform';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { KpiDocuments, keptDocuments, trustedForMs } from './kpi-documents';

const collection = kpiReadModel.collection;

/** A scope's day document whose one figure is `collected`, as the account fold last wrote it at `position`. */
const day = (scope: string, date: string, collected: number, position: number): KpiDayDocument => ({
  id: `day:${scope}:${date}`,
  kind: 'day',
  scope,
  date,
  figures: { USD: { collected } },
  position,
});

const month = (scope: string, date: string, position: number) => ({
  id: `month:${scope}:${date.slice(0, 7)}`,
  kind: 'month',
  scope,
  date,
  currencies: { USD: { figures: {} } },
  position,
});

/** The days from `first`, `count` of them. */
const daysFrom = (first: string, count: number) => Array.from({ length: count }, (_, k) => addDays(first, k));

describe('KpiDocuments: the documents a KPI report reads, re-read only when changed', () => {
  let store: ReadStore;
  let documents: KpiDocuments;
  let clock: FixedClock;
  /** The ids whose contents each read of the store fetched (the reads of positions alone fetch none). */
  let fetched: string[][];

  const write = (...written: object[]) => store.apply(written.map((document) => ({ kind: 'put' as const, collection, document: document as KpiDayDocument })));

  beforeAll(async () => {
    store = await PostgresReadStore.connect(await createTestDatabase());
    await store.ensureIndexes(collection, kpiIndexes);
    const find = store.find.bind(store);
    store.find = (name: string, query?: Query) => {
      if (!query?.omit) fetched.push(query?.where?.find((condition) => condition.field === 'id')?.value as string[]);
      return find(name, query);
    };
  });
  afterAll(() => store.close());
  beforeEach(() => {
    fetched = [];
    clock = new FixedClock(new Date('2026-06-01T09:00:00Z'));
    documents = new KpiDocuments(store, clock);
  });

  it('gives a scope’s month totals before the window and its days in it, nothing of another scope or outside it', async () => {
    await write(month('cred-a', '2025-12-01', 1), month('cred-a', '2026-01-01', 2), day('cred-a', '2025-12-31', 5, 3), day('cred-a', '2026-01-01', 10, 4));
    await write(day('cred-a', '2026-01-02', 20, 5), day('cred-a', '2026-01-03', 30, 6), day('cred-b', '2026-01-02', 99, 7));
    const { months, days } = await documents.window('cred-a', '2026-01-01', '2026-01-02');
    expect(months.map(({ id }) => id)).toEqual(['month:cred-a:2025-12']);
    expect(days.map(({ id, figures }) => [id, figures])).toEqual([
      ['day:cred-a:2026-01-01', { USD: { collected: 10 } }],
      ['day:cred-a:2026-01-02', { USD: { collected: 20 } }],
    ]);
  });

  it('fetches no contents again while no document changed', async () => {
    await write(month('cred-c', '2026-02-01', 10), day('cred-c', '2026-03-01', 10, 11), day('cred-c', '2026-03-02', 20, 12));
    const first = await documents.window('cred-c', '2026-03-01', '2026-03-02');
    const second = await documents.window('cred-c', '2026-03-01', '2026-03-02');
    expect(second).toEqual(first);
    // The months and the days are read at once: either may be fetched first.
    expect(fetched.sort()).toEqual([['day:cred-c:2026-03-01', 'day:cred-c:2026-03-02'], ['month:cred-c:2026-02']]);
  });

  it('fetches the contents of a document a later event rewrote, and of that one alone', async () => {
    await write(day('cred-d', '2026-04-01', 10, 20), day('cred-d', '2026-04-02', 20, 21));
    await documents.window('cred-d', '2026-04-01', '2026-04-02');
    // A late payment received on 1 April, recorded after both days' own facts.
    await write(day('cred-d', '2026-04-01', 15, 22));
    fetched = [];
    const { days } = await documents.window('cred-d', '2026-04-01', '2026-04-02');
    expect(days.map(({ figures }) => figures.USD?.collected)).toEqual([15, 20]);
    expect(fetched).toEqual([['day:cred-d:2026-04-01']]);
  });

  it('fetches a kept document again once it was trusted long enough, for changes that leave its position (a parked event retried late)', async () => {
    await write(day('cred-g', '2026-05-01', 10, 30));
    await documents.window('cred-g', '2026-05-01', '2026-05-01');
    await write(day('cred-g', '2026-05-01', 25, 30));
    clock.advance(trustedForMs - 1);
    expect((await documents.window('cred-g', '2026-05-01', '2026-05-01')).days[0]?.figures).toEqual({ USD: { collected: 10 } });
    clock.advance(1);
    expect((await documents.window('cred-g', '2026-05-01', '2026-05-01')).days[0]?.figures).toEqual({ USD: { collected: 25 } });
  });

  it('leaves out a document gone between reading its position and fetching it', async () => {
    await write(day('cred-h', '2026-05-01', 10, 40), day('cred-h', '2026-05-02', 20, 41));
    const find = store.find.bind(store);
    store.find = async (name: string, query?: Query) => {
      if (!query?.omit) await store.apply([{ kind: 'delete', collection, id: 'day:cred-h:2026-05-02' }]);
      return find(name, query);
    };
    try {
      expect((await documents.window('cred-h', '2026-05-01', '2026-05-02')).days.map(({ id }) => id)).toEqual(['day:cred-h:2026-05-01']);
    } finally {
      store.find = find;
    }
  });

  it(`keeps at most ${keptDocuments} documents, forgetting those read least recently`, async () => {
    const days = daysFrom('2020-01-01', keptDocuments - 2);
    await write(...days.map((date, k) => day('cred-e', date, k, 100 + k)));
    await write(
      day('cred-f', '2026-01-01', 1, 5000),
      day('cred-f', '2026-01-02', 2, 5001),
      day('cred-i', '2026-01-01', 3, 5002),
      day('cred-i', '2026-01-02', 4, 5003),
    );
    const [yearOfE, twoOfF, twoOfI] = [
      () => documents.window('cred-e', '2020-01-01', days.at(-1) as string),
      () => documents.window('cred-f', '2026-01-01', '2026-01-02'),
      () => documents.window('cred-i', '2026-01-01', '2026-01-02'),
    ];
    await twoOfF();
    await yearOfE();
    // Read again, the first documents kept are now the last to go.
    await twoOfF();
    await twoOfI();
    fetched = [];
    await twoOfF();
    expect(fetched).toEqual([]);
    await yearOfE();
    expect(fetched).toEqual([['day:cred-e:2020-01-01', 'day:cred-e:2020-01-02']]);
  });
});
