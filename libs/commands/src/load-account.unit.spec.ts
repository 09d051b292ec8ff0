import { evolve, initialAccountState } from '@arrears/domain';
import { chainStart, InMemoryEventStore } from '@arrears/event-store';
import { loadAccount } from './load-account';
import { noteAdded, opened, record } from './write-path.fixtures';

describe('loading an account: read its stream and fold it', () => {
  it('finds no account where no event was recorded: unopened, at no revision, chained from the start', async () => {
    expect(await loadAccount(new InMemoryEventStore(), 'account-nobody')).toEqual({
      state: { status: 'unopened' },
      revision: 'no_stream',
      lastHash: chainStart,
    });
  });

  it('given recorded events, is the account they make, at the last one’s revision, chained to its hash', async () => {
    const store = new InMemoryEventStore();
    const events = [opened('acc-1'), noteAdded('Called, left a message.')];
    await record(store, 'acc-1', events);
    const last = (await store.readStream('account-acc-1'))[1];
    expect(await loadAccount(store, 'account-acc-1')).toEqual({
      state: events.reduce(evolve, initialAccountState()),
      revision: 1n,
      lastHash: last?.metadata.hash,
    });
  });

  it('reads an opening recorded before openedOn existed as opened on the day it was recorded, in the debtor’s zone', async () => {
    const store = new InMemoryEventStore();
    const older = { accountId: 'acc-1', creditorId: 'cred-1', debtor: { reference: 'D-1', timeZone: 'Pacific/Kiritimati' } };
    await record(store, 'acc-1', [{ type: 'AccountOpened', data: older }]);
    // Recorded at 15:00 UTC on March 1st: already March 2nd at UTC+14.
    expect((await loadAccount(store, 'account-acc-1')).state).toMatchObject({ openedOn: '2026-03-02' });
  });

  it('reads one account’s stream only', async () => {
    const store = new InMemoryEventStore();
    await record(store, 'acc-1', [opened('acc-1')]);
    await record(store, 'acc-2', [opened('acc-2'), noteAdded('Another account.')]);
    expect((await loadAccount(store, 'account-acc-1')).revision).toBe(0n);
  });
});
