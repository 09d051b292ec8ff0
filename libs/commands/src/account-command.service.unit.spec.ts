import { chainKeyFrom, InMemoryEventStore } from '@arrears/event-store';
import { OptOutLinks } from './opt-out-links';
import { PersonalDataVault, type KeyStore } from '@arrears/personal-data';
import { FixedClock, loadConfig, Metrics, RandomIdGenerator } from '@arrears/platform';
import type { AccountCommandInput } from './account-command';
import { AccountCommandService } from './account-command.service';
import type { CommandContext } from './command-context';

// The accounts here carry no personal data, so nothing is sealed and no key is ever asked for.
const noKeys: KeyStore = {
  backend: 'none',
  keyFor: () => Promise.reject(new Error('no keys in this test')),
  liveKey: () => Promise.resolve(undefined),
  find: () => Promise.resolve(new Map()),
  destroy: () => Promise.resolve(0),
  close: () => Promise.resolve(),
};

const context = (key?: string): CommandContext => ({
  correlationId: 'corr-1',
  causationId: `cause-${key ?? 'none'}`,
  actor: { id: 'billing', role: 'system' },
  creditors: '*',
  idempotencyKey: key === undefined ? undefined : `billing:${key}`,
  expectedRevision: undefined,
});

const payment: AccountCommandInput = {
  type: 'RecordPayment',
  data: { paymentId: 'pay-1', amount: 5_000, currency: 'USD', receivedOn: '2026-02-10', method: 'card' },
};
const note: AccountCommandInput = { type: 'AddNote', data: { text: 'Called, left a message.' } };

/**
 * A keyed command whose events were appended but whose answer was lost (the process died before the
 * answer was stored) is answered, when retried, with the first outcome rebuilt from those events.
 */
const chainKey = chainKeyFrom('a-chain-key-of-at-least-thirty-two-characters');

describe('AccountCommandService: a retry of a command whose answer was lost', () => {
  const store = new InMemoryEventStore();
  const clock = new FixedClock(new Date('2026-03-01T15:00:00Z'));
  /** A service as a process starts it: nothing cached. */
  const restarted = () =>
    new AccountCommandService(
      store,
      loadConfig({ COMMAND_MAX_ATTEMPTS: '2' }),
      clock,
      new RandomIdGenerator(),
      new PersonalDataVault(noKeys),
      new Metrics(),
      chainKey,
      new OptOutLinks(chainKey, 'https://arrears.example'),
    );
  const types = async (accountId: string) => (await store.readStream(`account-${accountId}`)).map((event) => event.type);

  async function account(accountId: string): Promise<void> {
    const service = restarted();
    await service.handle(
      accountId,
      { type: 'OpenAccount', data: { accountId, creditorId: 'cred-1', debtor: { reference: 'D-1', timeZone: 'UTC' }, openedOn: '2026-01-01' } },
      context(),
    );
    await service.handle(
      accountId,
      { type: 'IssueInvoice', data: { invoiceId: 'inv-1', amount: 12_500, currency: 'USD', issuedOn: '2026-01-01', dueOn: '2026-01-31' } },
      context(),
    );
  }

  it.each([
    ['a payment (which the decider would now refuse as recorded already)', 'acc-pay', payment, 'PaymentReceived'],
    ['a note (whose events would now collide with the first ones)', 'acc-note', note, 'NoteAdded'],
  ] as const)('answers %s with the first outcome, and appends nothing', async (_case, accountId, command, type) => {
    await account(accountId);
    const first = await restarted().handle(accountId, command, context('key-1'));
    const retried = await restarted().handle(accountId, command, context('key-1'));
    expect(retried).toEqual(first);
    expect(await types(accountId)).toEqual(['AccountOpened', 'InvoiceIssued', type]);
  });

  it('still refuses the same payment under another key: only a key’s own events answer for it', async () => {
    await account('acc-other-key');
    await restarted().handle('acc-other-key', payment, context('key-1'));
    await expect(restarted().handle('acc-other-key', payment, context('key-2'))).rejects.toMatchObject({ code: 'PAYMENT_ALREADY_RECORDED' });
  });
});
