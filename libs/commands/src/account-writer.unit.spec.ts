import { WrongExpectedVersionError, InMemoryEventStore, type AppendOptions, type AppendResult, type NewEvent } from '@arrears/event-store';
import { FixedClock, Metrics } from '@arrears/platform';
import { newEvent } from '@arrears/testing';
import type { AccountCommandInput } from './account-command';
import { AccountSnapshots } from './account-snapshots';
import { AccountWriter } from './account-writer';
import { callerWith, noteAdded, now, opened, record, sealAndChain } from './write-path.fixtures';

const note = (text: string): AccountCommandInput => ({ type: 'AddNote', data: { text } });
const types = async (store: InMemoryEventStore) => (await store.readStream('account-acc-1')).map(({ type }) => type);

/** A writer as a process holds one: its own cache, up to two tries when another process wins a race. */
const writerOn = (store: InMemoryEventStore) =>
  new AccountWriter(store, sealAndChain(), new FixedClock(now), new Metrics(), { accountCacheSize: 100, commandMaxAttempts: 2 }, new AccountSnapshots(store));

/** A store where, once raced, another process appends to the stream just before each of the next `rivals` appends. */
class RacedStore extends InMemoryEventStore {
  private rivals = 0;

  racedBy(rivals: number): this {
    this.rivals = rivals;
    return this;
  }

  override async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.rivals-- > 0) await super.append(streamId, [newEvent('NoteAdded', { text: 'A rival’s note.' })], { expectedRevision: 'any' });
    return super.append(streamId, events, options);
  }
}

describe('writing a command: load, decide, seal and chain, append', () => {
  it('appends the decided events at the revision read, and answers the account after them', async () => {
    const store = new InMemoryEventStore();
    await record(store, 'acc-1', [opened('acc-1')]);
    const outcome = await writerOn(store).write('acc-1', note('Called.'), callerWith());
    expect(outcome).toMatchObject({ accountId: 'acc-1', events: [noteAdded('Called.')], revision: 1n, position: 2n });
    expect(await types(store)).toEqual(['AccountOpened', 'NoteAdded']);
  });

  it('appends nothing for a command that changes nothing, and answers the account as it is', async () => {
    const store = new InMemoryEventStore();
    const writer = writerOn(store);
    await record(store, 'acc-1', [opened('acc-1')]);
    await writer.write('acc-1', { type: 'ErasePersonalData', data: {} }, callerWith());
    expect(await writer.write('acc-1', { type: 'ErasePersonalData', data: {} }, callerWith())).toMatchObject({ events: [], revision: 1n, position: 0n });
    expect(await types(store)).toEqual(['AccountOpened', 'PersonalDataErased']);
  });

  it('reads the stream again when another process has moved past the state it cached, and appends after it', async () => {
    const store = new InMemoryEventStore();
    await record(store, 'acc-1', [opened('acc-1')]);
    const mine = writerOn(store);
    await mine.write('acc-1', note('Mine.'), callerWith());
    await writerOn(store).write('acc-1', note('Another process’s.'), callerWith());
    expect(await mine.write('acc-1', note('Mine again.'), callerWith())).toMatchObject({ revision: 3n });
  });

  it('decides again on the stream a refusal made on a cached state that is behind', async () => {
    const store = new InMemoryEventStore();
    const mine = writerOn(store);
    await expect(mine.write('acc-1', note('Too early.'), callerWith())).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await record(store, 'acc-1', [opened('acc-1')]);
    expect(await mine.write('acc-1', note('Now it exists.'), callerWith())).toMatchObject({ revision: 1n });
  });

  it('with If-Match, reads again before refusing a cached state that is behind, and appends at the revision named', async () => {
    const store = new InMemoryEventStore();
    await record(store, 'acc-1', [opened('acc-1')]);
    const mine = writerOn(store);
    await mine.write('acc-1', note('Mine.'), callerWith());
    await writerOn(store).write('acc-1', note('Another process’s.'), callerWith());
    expect(await mine.write('acc-1', note('Seen revision 2.'), callerWith({ expectedRevision: 2n }))).toMatchObject({ revision: 3n });
    await expect(mine.write('acc-1', note('Seen revision 2 still.'), callerWith({ expectedRevision: 2n }))).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_REVISION',
      details: { expectedRevision: 2, actualRevision: 3 },
    });
  });

  it('tries again when another process appends first, and appends after its events', async () => {
    const store = new RacedStore();
    await record(store, 'acc-1', [opened('acc-1')]);
    expect(await writerOn(store.racedBy(1)).write('acc-1', note('Mine.'), callerWith())).toMatchObject({ revision: 2n });
    expect(await types(store)).toEqual(['AccountOpened', 'NoteAdded', 'NoteAdded']);
  });

  it('gives up with the conflict after COMMAND_MAX_ATTEMPTS races lost', async () => {
    const store = new RacedStore().racedBy(Infinity);
    await expect(writerOn(store).write('acc-1', { type: 'OpenAccount', data: opened('acc-1').data }, callerWith())).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await types(store)).toEqual(['NoteAdded', 'NoteAdded']);
  });

  it('with If-Match, never tries again when another process appends first: the revision named is gone', async () => {
    const store = new RacedStore();
    await record(store, 'acc-1', [opened('acc-1')]);
    await expect(writerOn(store.racedBy(1)).write('acc-1', note('Seen revision 0.'), callerWith({ expectedRevision: 0n }))).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_REVISION',
      details: { expectedRevision: 0, actualRevision: 1 },
    });
  });
});
