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

const loadHistories = [50, 200, 800] as const;
/** Events recorded after the snapshot, as a load finds them between two snapshots. */
const tail = 10;
const loadsTimed = 200;

export interface LoadFigure {
  events: number;
  wholeStreamMs: number;
  fromSnapshotMs: number;
  eventsReadFromSnapshot: number;
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
  const stored = await PostgresEventStore.connect({ connectionString: url, poolSize: 2 });
  const reads = await PostgresReadStore.connect(url, 2);
  const keys = await PostgresKeyStore.connect(url, new LocalKeyEncryption('bench-key-encryption-key-of-32-characters'));
  try {
    const vault = new PersonalDataVault(keys);
    const events = new OpeningEventStore(stored, vault);
    const chainKey = chainKeyFrom('bench-chain-key-of-at-least-thirty-two-characters');
    const config = { ...loadConfig({}), accountSnapshotEvery: 0 };
    const links = new OptOutLinks(chainKey, 'https://arrears.example');
    const commands = new AccountCommandService(events, config, new SystemClock(), new RandomIdGenerator(), vault, new Metrics(), chainKey, links);
    const snapshots = new AccountSnapshots(events, { store: reads, vault, every: 25 });
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
      const { length: fromSnapshot } = await stored.readStream(streamId, { fromRevision: BigInt(length - 1 - tail) });
      figures.push({
        events: length,
        wholeStreamMs: await msPerLoad(() => loadAccount(events, streamId)),
        fromSnapshotMs: await msPerLoad(() => snapshots.load(streamId)),
        eventsReadFromSnapshot: fromSnapshot,
      });
    }
    return figures;
  } finally {
    await Promise.all([stored.close(), reads.close(), keys.close()]);
  }
}

/** Milliseconds per load, one at a time: the best of three rounds, after one to warm up. */
async function msPerLoad(load: () => Promise<unknown>): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 4; round++) {
    const started = process.hrtime.bigint();
    for (let n = 0; n < loadsTimed; n++) await load();
    rounds.push(Number(process.hrtime.bigint() - started) / 1e6 / loadsTimed);
  }
  return Math.round(Math.min(...rounds.slice(1)) * 1000) / 1000;
}
