import { InMemoryEventStore } from '@arrears/event-store';
import { InMemoryKeyStore, PersonalDataVault } from '@arrears/personal-data';
import { FixedClock, Metrics } from '@arrears/platform';
import { AccountSnapshots } from './account-snapshots';
import { AccountWriter } from './account-writer';
import { recallOutcome } from './recall-outcome';
import { callerWith, now, opened, record, sealAndChain } from './write-path.fixtures';

describe('recalling the outcome of a command that appended under an Idempotency-Key', () => {
  const store = new InMemoryEventStore();
  const vault = new PersonalDataVault(new InMemoryKeyStore());
  const writer = new AccountWriter(
    store,
    sealAndChain(vault),
    new FixedClock(now),
    new Metrics(),
    { accountCacheSize: 0, commandMaxAttempts: 2 },
    new AccountSnapshots(store),
  );
  const keyed = (idempotencyKey: string) => callerWith({ idempotencyKey });

  it('rebuilds the first outcome from the key’s events, as it stood after them, whatever came later', async () => {
    const first = await writer.write('acc-1', { type: 'OpenAccount', data: opened('acc-1').data }, keyed('agent-1:open'));
    await writer.write('acc-1', { type: 'AddNote', data: { text: 'Later.' } }, keyed('agent-1:note'));
    expect(await recallOutcome(store, vault, 'acc-1', 'agent-1:open')).toEqual(first);
  });

  it('finds nothing for a key under which nothing was appended', async () => {
    await record(store, 'acc-2', [opened('acc-2')]);
    await writer.write('acc-2', { type: 'AddNote', data: { text: 'Under a key.' } }, keyed('agent-1:one'));
    expect(await recallOutcome(store, vault, 'acc-2', 'agent-1:another')).toBeUndefined();
    expect(await recallOutcome(store, vault, 'acc-nobody', 'agent-1:one')).toBeUndefined();
  });
});
