/**
 * (l) Loading an account, by the length of its history: the whole stream against its last snapshot and
 * the events after it. Through the write path's own stores on PostgreSQL (events, snapshots in the read
 * store, the debtor's key); one load at a time, after a warm-up. A load from a snapshot should not grow
 * with the history; the whole stream is its baseline, measured in the same run.
 */
import { AccountCommandService, AccountSnapshots, loadAccount, OptOutLinks } from '@arrears/commands';
import { accountStream } from '@arrears/domain';
import { chainKeyFrom, PostgresEventStore } from '@arrears/event-store';
import { LocalKeyEncryption, OpeningEventStore, PersonalDataVault, PostgresKeyStore } from '@arrears/personal-data';
import { loadConfig, Metrics, RandomIdGenerator, SystemClock } from '@arrears/platform';
import { PostgresReadStore } from '@arrears/read-store';
import { Client } from 'pg';

const loadHistories = [50, 200, 800] as const;
/** Events recorded after the snapshot, as a load finds them between two snapshots. */
const tail = 10;
const loadsTimed = 200;
/** Rounds of `loadsTimed` loads: the first warms up, the best of the others counts. */
const rounds = 4;

export interface LoadFigure {
  events: number;
  wholeStreamMs: number;
  fromSnapshotMs: number;
  /** Rows PostgreSQL fetched from the events table per load, as its statistics count them. */
  rowsFetchedWhole: number;
  rowsFetchedFromSnapshot: number;
}

const caller = {
  correlationId: 'bench-loads',
  causationId: 'bench-loads',
  actor: { id: 'bench', role: 'agent' as const },
  creditors: '*' as const,
  idempotencyKey: undefined,
  expectedRevision: undefined,
};

export async function measureAccountLoads(url: string): Promise<LoadFigure[]> {
  // One session, so that one read makes all of the store's counts current (see rowCounter).
  const stored = await PostgresEventStore.connect({ connectionString: url, poolSize: 1 });
  const reads = await PostgresReadStore.connect(url, 2);
  const keys = await PostgresKeyStore.connect(url, new LocalKeyEncryption('bench-key-encryption-key-of-32-characters'));
  const statistics = new Client({ connectionString: url });
  await statistics.connect();
  try {
    const vault = new PersonalDataVault(keys);
    const events = new OpeningEventStore(stored, vault);
    const chainKey = chainKeyFrom('bench-chain-key-of-at-least-thirty-two-characters');
    const config = { ...loadConfig({}), accountSnapshotEvery: 0 };
    const links = new OptOutLinks(chainKey, 'https://arrears.example');
    const commands = new AccountCommandService(events, config, new SystemClock(), new RandomIdGenerator(), vault, new Metrics(), chainKey, links);
    const snapshots = new AccountSnapshots(events, { store: reads, vault, every: 25 });
    const counter = rowCounter(statistics, stored);
    const figures: LoadFigure[] = [];
    for (const length of loadHistories) {
      const accountId = `bench-loads-${length}`;
      const notes = async (count: number) => {
        for (let note = 0; note < count; note++) await commands.handle(accountId, { type: 'AddNote', data: { text: `Note ${note}.` } }, caller);
      };
      const debtor = { reference: `D-${length}`, timeZone: 'America/New_York', name: 'Ada Lovelace', email: 'ada@example.com' };
      await commands.handle(accountId, { type: 'OpenAccount', data: { accountId, creditorId: 'bench', debtor } }, caller);
      await notes(length - 1 - tail);
      await snapshots.load(accountStream(accountId));
      await notes(tail);
      const streamId = accountStream(accountId);
      const whole = await timedAndCounted(counter, () => loadAccount(events, streamId));
      const fromSnapshot = await timedAndCounted(counter, () => snapshots.load(streamId));
      figures.push({
        events: length,
        wholeStreamMs: whole.ms,
        fromSnapshotMs: fromSnapshot.ms,
        rowsFetchedWhole: whole.rowsFetched,
        rowsFetchedFromSnapshot: fromSnapshot.rowsFetched,
      });
    }
    return figures;
  } finally {
    await Promise.all([stored.close(), reads.close(), keys.close(), statistics.end()]);
  }
}

/**
 * Milliseconds per load and the events table's rows PostgreSQL fetched per load. The rows show what the
 * client cannot: a statement planned for any values (after five runs) may read rows it then filters out.
 */
async function timedAndCounted(counter: RowCounter, load: () => Promise<unknown>): Promise<{ ms: number; rowsFetched: number }> {
  const before = await counter();
  const ms = await msPerLoad(load);
  const after = await counter();
  return { ms, rowsFetched: Math.round((after - before) / (rounds * loadsTimed)) };
}

type RowCounter = () => Promise<number>;

/**
 * The events table's fetched rows, as the statistics count them. A session reports its counts when a
 * transaction ends a second or more after its last report, unless another holds the table's entry at
 * that moment (else once idle for ten seconds): so, after a second, the store's one session reads a
 * stream that does not exist (which fetches no row), until two counts agree.
 */
const rowCounter =
  (statistics: Client, stored: PostgresEventStore): RowCounter =>
  async () => {
    let last: number | undefined;
    for (let look = 0; look < 12; look++) {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await stored.readStream('bench-loads-absent');
      await statistics.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await statistics.query<{ fetched: string }>(
        "SELECT idx_tup_fetch + seq_tup_read AS fetched FROM pg_stat_user_tables WHERE relname = 'events'",
      );
      const now = Number(rows[0]?.fetched ?? 0);
      if (now === last) return now;
      last = now;
    }
    throw new Error("The events table's statistics did not settle within 12 s.");
  };

/** Milliseconds per load, one at a time: the best of three rounds, after one to warm up. */
async function msPerLoad(load: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let n = 0; n < loadsTimed; n++) await load();
    times.push(Number(process.hrtime.bigint() - started) / 1e6 / loadsTimed);
  }
  return Math.round(Math.min(...times.slice(1)) * 1000) / 1000;
}
