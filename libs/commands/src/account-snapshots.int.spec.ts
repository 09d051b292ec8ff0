import { accountFoldVersion, accountStream, type Debtor } from '@arrears/domain';
import { Client } from 'pg';
import { PostgresEventStore } from '@arrears/event-store';
import { LocalKeyEncryption, OpeningEventStore, PersonalDataVault, PostgresKeyStore } from '@arrears/personal-data';
import { FixedClock, loadConfig, Metrics, RandomIdGenerator } from '@arrears/platform';
import { PostgresReadStore, type ReadDocument } from '@arrears/read-store';
import { createTestDatabase } from '../../../test/setup/test-database';
import { AccountCommandService } from './account-command.service';
import { ACCOUNT_SNAPSHOTS } from './account-snapshots';
import { loadAccount } from './load-account';
import { callerWith, chainKey, now, optOutLinks } from './write-path.fixtures';

const ada: Debtor = { reference: 'D-ADA', timeZone: 'UTC', name: 'Ada Lovelace', email: 'ada@example.com' };
const mary: Debtor = { reference: 'D-MARY', timeZone: 'UTC', name: 'Mary Somerville' };

describe('loading accounts from their snapshots', () => {
  let stored: PostgresEventStore;
  let reads: PostgresReadStore;
  let keys: PostgresKeyStore;
  let vault: PersonalDataVault;
  let events: OpeningEventStore;
  let sql: Client;
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
    sql = new Client({ connectionString: url });
    await sql.connect();
    stored = await PostgresEventStore.connect({ connectionString: url, poolSize: 2 });
    reads = await PostgresReadStore.connect(url, 2);
    keys = await PostgresKeyStore.connect(url, new LocalKeyEncryption('the-key-encryption-key-of-32-characters'));
    vault = new PersonalDataVault(keys, 0);
    events = new OpeningEventStore(stored, vault);
  });
  afterAll(async () => {
    await Promise.all([stored.close(), reads.close(), keys.close(), sql.end()]);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** The write path with no cache, so that every command loads its account, keeping snapshots in `store`. */
  const commandsOn = (store: PostgresReadStore, every = 5) =>
    new AccountCommandService(
      events,
      { ...loadConfig({}), accountCacheSize: 0, accountSnapshotEvery: every },
      new FixedClock(now),
      new RandomIdGenerator(),
      vault,
      new Metrics(),
      chainKey,
      optOutLinks,
      undefined,
      store,
    );
  /** Opens the account and adds `notes` notes to it: one load before each command. */
  const lived = async (commands: AccountCommandService, accountId: string, notes: number, debtor = ada) => {
    await commands.handle(accountId, { type: 'OpenAccount', data: { accountId, creditorId: 'cred-1', debtor, openedOn: '2026-03-01' } }, callerWith());
    for (let note = 1; note <= notes; note++) await commands.handle(accountId, { type: 'AddNote', data: { text: `Note ${note}.` } }, callerWith());
  };
  const snapshotOf = (accountId: string) => reads.get(ACCOUNT_SNAPSHOTS, accountStream(accountId));
  /** The reads of the stream the next load makes: their options, and how many events each returned. */
  const readsOf = async (load: () => Promise<unknown>) => {
    const readStream = jest.spyOn(events, 'readStream');
    await load();
    const counts = await Promise.all(readStream.mock.results.map(async ({ value }) => ((await value) as unknown[]).length));
    const made = readStream.mock.calls.map(([, options], at) => ({ options, events: counts[at] }));
    readStream.mockRestore();
    return made;
  };

  it('keeps a snapshot once a load folds `every` events; the next load reads from it on and makes the account the whole stream makes', async () => {
    const commands = commandsOn(reads);
    await lived(commands, 'acc-long', 12);

    const snapshot = await snapshotOf('acc-long');
    expect(snapshot).toMatchObject({ foldVersion: accountFoldVersion });
    const revision = BigInt(snapshot?.revision as string);
    const loaded = await readsOf(async () => {
      expect(await commands.accounts.load(accountStream('acc-long'))).toEqual(await loadAccount(events, accountStream('acc-long')));
    });
    // The whole-stream load above is the last of the reads.
    expect(loaded.slice(0, -1)).toEqual([{ options: { fromRevision: revision }, events: Number(12n - revision) + 1 }]);
    expect(Number(12n - revision)).toBeLessThan(5);
  });

  it('keeps none while loads fold fewer than `every` events', async () => {
    await lived(commandsOn(reads), 'acc-short', 3);
    expect(await snapshotOf('acc-short')).toBeUndefined();
  });

  it('holds nothing of the debtor in clear; once the debtor is forgotten it is not used, and the load shows them erased', async () => {
    const commands = commandsOn(reads);
    await lived(commands, 'acc-erased', 6);
    const snapshot = JSON.stringify(await snapshotOf('acc-erased'));
    // The whole name: the sealed snapshot is base64, in which "Ada" turns up by chance (about one run in two
    // hundred); a space or an @ never does.
    expect(snapshot).not.toContain('Ada Lovelace');
    expect(snapshot).not.toContain('ada@example.com');

    await vault.forget('cred-1', 'D-ADA');
    const loaded = await readsOf(async () => {
      const { state } = await commands.accounts.load(accountStream('acc-erased'));
      expect(state).toMatchObject({ debtor: { reference: 'D-ADA', personalDataErased: true } });
      expect(state).toEqual((await loadAccount(events, accountStream('acc-erased'))).state);
    });
    expect(loaded[0]).toEqual({ options: undefined, events: 7 });
    // The unreadable snapshot is dropped, and none is kept of the erased debtor: no key is made for one.
    expect(await snapshotOf('acc-erased')).toBeUndefined();
    expect(await keys.liveKey('cred-1/D-ADA')).toBeUndefined();
  });

  it('keeps none when the debtor is forgotten between the read and the snapshot, and makes them no new key', async () => {
    await lived(commandsOn(reads, 100), 'acc-race', 6, mary);
    const sealUnderLiveKey = vault.sealUnderLiveKey.bind(vault);
    jest.spyOn(vault, 'sealUnderLiveKey').mockImplementation(async (...sealing) => {
      await vault.forget('cred-1', 'D-MARY');
      return sealUnderLiveKey(...sealing);
    });

    const { state } = await commandsOn(reads).accounts.load(accountStream('acc-race'));
    expect(state).toMatchObject({ debtor: { name: 'Mary Somerville' } });
    expect(await snapshotOf('acc-race')).toBeUndefined();
    expect(await keys.liveKey('cred-1/D-MARY')).toBeUndefined();
  });

  it('does not use a snapshot whose event the stream no longer holds (the stream rewritten since)', async () => {
    const commands = commandsOn(reads);
    await lived(commands, 'acc-rewritten', 6);
    const revision = BigInt((await snapshotOf('acc-rewritten'))?.revision as string);
    await sql.query('DELETE FROM events WHERE stream_id = $1 AND revision >= $2', [accountStream('acc-rewritten'), revision.toString()]);
    await commands.handle('acc-rewritten', { type: 'AddNote', data: { text: 'Another note at that revision.' } }, callerWith());

    const loaded = await readsOf(async () => {
      expect(await commands.accounts.load(accountStream('acc-rewritten'))).toEqual(await loadAccount(events, accountStream('acc-rewritten')));
    });
    expect(loaded.slice(0, 2)).toEqual([
      { options: { fromRevision: revision }, events: 1 },
      { options: undefined, events: Number(revision) + 1 },
    ]);
  });

  describe('a snapshot it cannot trust is not used: the load reads the whole stream', () => {
    const commands = () => commandsOn(reads);
    beforeAll(async () => {
      await lived(commands(), 'acc-a', 6);
      await lived(commands(), 'acc-b', 6);
    });
    const replaced = async (accountId: string, change: (snapshot: ReadDocument) => ReadDocument) => {
      const snapshot = (await snapshotOf(accountId)) as ReadDocument;
      await reads.apply([{ kind: 'put', collection: ACCOUNT_SNAPSHOTS, document: change(snapshot) }]);
    };
    const wholeStreamRead = async (accountId: string) => {
      const loaded = await readsOf(async () => {
        expect(await commands().accounts.load(accountStream(accountId))).toEqual(await loadAccount(events, accountStream(accountId)));
      });
      expect(loaded[0]).toEqual({ options: undefined, events: 7 });
    };

    it.each([
      [
        'altered',
        (snapshot: ReadDocument) => ({
          ...snapshot,
          sealed: { ...(snapshot.sealed as object), data: Buffer.from('{"status":"unopened"}').toString('base64') },
        }),
      ],
      ['taken at another revision', (snapshot: ReadDocument) => ({ ...snapshot, revision: '2' })],
      ['of another event at its revision', (snapshot: ReadDocument) => ({ ...snapshot, lastHash: 'f'.repeat(64) })],
      ['folded by another version of the fold', (snapshot: ReadDocument) => ({ ...snapshot, foldVersion: accountFoldVersion + 1 })],
    ])('%s', async (_, change) => {
      await replaced('acc-a', change);
      await wholeStreamRead('acc-a');
    });

    it("another account's", async () => {
      const other = (await snapshotOf('acc-a')) as ReadDocument;
      await replaced('acc-b', () => ({ ...other, id: accountStream('acc-b') }));
      await wholeStreamRead('acc-b');
    });
  });

  it('with the read store down, loads read the whole stream and commands go on', async () => {
    const down = await PostgresReadStore.connect(await createTestDatabase(), 1);
    await down.close();
    const commands = commandsOn(down);
    await lived(commands, 'acc-down', 6);

    expect(await commands.accounts.load(accountStream('acc-down'))).toEqual(await loadAccount(events, accountStream('acc-down')));
    expect((await loadAccount(events, accountStream('acc-down'))).revision).toBe(6n);
  });

  it('with the read store stalled, a load answers without it, and the next ones leave it alone for a while', async () => {
    const commands = commandsOn(reads);
    await lived(commands, 'acc-stalled', 6);
    const stalling = new Client({ connectionString: url });
    await stalling.connect();
    await stalling.query('BEGIN');
    await stalling.query('LOCK TABLE rm_account_snapshots IN ACCESS EXCLUSIVE MODE');
    try {
      // Answered while the lock still holds: the load did not wait for the store's answer.
      expect(await commands.accounts.load(accountStream('acc-stalled'))).toEqual(await loadAccount(events, accountStream('acc-stalled')));
      const asked = jest.spyOn(reads, 'get');
      await commands.handle('acc-stalled', { type: 'AddNote', data: { text: 'While the store stalls.' } }, callerWith());
      expect(asked).not.toHaveBeenCalled();
    } finally {
      await stalling.query('ROLLBACK');
      await stalling.end();
    }
  });
});
