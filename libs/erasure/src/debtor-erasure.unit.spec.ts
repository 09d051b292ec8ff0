import { AccountCommandService, OptOutLinks, type CommandContext } from '@arrears/commands';
import type { AccountOpened, Debtor } from '@arrears/domain';
import { chainKeyFrom, InMemoryEventStore, type EventStore } from '@arrears/event-store';
import { InMemoryKeyStore, OpeningEventStore, PersonalDataVault } from '@arrears/personal-data';
import { FixedClock, loadConfig, Metrics, RandomIdGenerator } from '@arrears/platform';
import { DebtorAccounts } from './debtor-accounts';
import { DebtorErasure } from './debtor-erasure';

/** The debtor's accounts as the log tells them (the service asks the account read model instead). */
class DebtorAccountsInTheLog extends DebtorAccounts {
  constructor(private readonly events: EventStore) {
    super();
  }

  async of(creditorId: string, debtorReference: string): Promise<string[]> {
    const openings = (await this.events.readAll()).filter(({ type }) => type === 'AccountOpened');
    return openings
      .map(({ data }) => data as unknown as AccountOpened['data'])
      .filter((opened) => opened.creditorId === creditorId && opened.debtor.reference === debtorReference)
      .map(({ accountId }) => accountId);
  }
}

const caller: CommandContext = {
  correlationId: 'corr-1',
  causationId: 'req-1',
  actor: { id: 'sup-1', role: 'supervisor' },
  creditors: '*',
  idempotencyKey: undefined,
  expectedRevision: undefined,
};
const ada: Debtor = { reference: 'D-ADA', timeZone: 'UTC', name: 'Ada Lovelace', email: 'ada@example.com' };
const grace: Debtor = { reference: 'D-GRACE', timeZone: 'UTC', name: 'Grace Hopper' };

const chainKey = chainKeyFrom('a-chain-key-of-at-least-thirty-two-characters');

describe('erasing a debtor’s personal data, from one of their accounts', () => {
  const store = new InMemoryEventStore();
  const vault = new PersonalDataVault(new InMemoryKeyStore(), 0);
  /**
   * The write path of a process as the service builds it (reading the log opened), with its own cache of
   * accounts (none, for a process that has just started).
   */
  const commandsOf = (accountCacheSize: number) =>
    new AccountCommandService(
      new OpeningEventStore(store, vault),
      { ...loadConfig({}), accountCacheSize },
      new FixedClock(new Date('2026-03-01T15:00:00Z')),
      new RandomIdGenerator(),
      vault,
      new Metrics(),
      chainKey,
      new OptOutLinks(chainKey, 'https://arrears.example'),
    );
  const accounts = commandsOf(10_000);
  const erasure = new DebtorErasure(accounts, vault, new DebtorAccountsInTheLog(store));
  const open = (accountId: string, creditorId: string, debtor: Debtor) =>
    accounts.handle(accountId, { type: 'OpenAccount', data: { accountId, creditorId, debtor } }, caller);
  const debtorOf = async (accountId: string) =>
    ((await vault.open(await store.readStream(`account-${accountId}`)))[0]?.data as unknown as AccountOpened['data']).debtor;
  const typesOf = async (accountId: string) => (await store.readStream(`account-${accountId}`)).map(({ type }) => type);

  beforeAll(async () => {
    await open('acc-1', 'cred-1', ada);
    await open('acc-2', 'cred-1', ada);
    await open('acc-3', 'cred-1', grace);
    await open('acc-4', 'cred-2', ada);
  });

  it('records the erasure on every account of the debtor with that creditor, whose personal data then reads as erased', async () => {
    const { outcome, erasedAccountIds } = await erasure.erase('acc-2', caller);
    expect(erasedAccountIds).toEqual(['acc-2', 'acc-1']);
    expect(outcome).toMatchObject({ accountId: 'acc-2', position: (await store.readStream('account-acc-1'))[1]?.position });
    for (const accountId of erasedAccountIds) {
      expect(await typesOf(accountId)).toEqual(['AccountOpened', 'PersonalDataErased']);
      expect(await debtorOf(accountId)).toEqual({ reference: 'D-ADA', timeZone: 'UTC', personalDataErased: true });
    }
  });

  it('leaves other debtors, and the same debtor’s accounts with other creditors, as they were', async () => {
    expect(await debtorOf('acc-3')).toEqual(grace);
    expect(await debtorOf('acc-4')).toEqual(ada);
    expect(await typesOf('acc-4')).toEqual(['AccountOpened']);
  });

  it('records the erasure on the debtor’s other accounts when the process erasing holds none of them in its cache', async () => {
    await open('acc-5', 'cred-3', grace);
    await open('acc-6', 'cred-3', grace);
    // The other account is loaded after the debtor's key is gone: its debtor already reads as erased, yet the
    // erasure must still be recorded on it, or its read models would keep what they were shown before.
    const freshProcess = commandsOf(0);
    expect((await new DebtorErasure(freshProcess, vault, new DebtorAccountsInTheLog(store)).erase('acc-5', caller)).erasedAccountIds).toEqual([
      'acc-5',
      'acc-6',
    ]);
    expect(await typesOf('acc-6')).toEqual(['AccountOpened', 'PersonalDataErased']);
  });

  it('changes nothing when asked again, and answers with the same accounts', async () => {
    expect((await erasure.erase('acc-1', caller)).erasedAccountIds).toEqual(['acc-1', 'acc-2']);
    expect(await typesOf('acc-2')).toEqual(['AccountOpened', 'PersonalDataErased']);
  });
});
