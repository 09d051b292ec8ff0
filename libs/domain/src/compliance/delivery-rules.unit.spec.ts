import type { AccountEvent } from '../account/account.events';
import { accountDecider, issued, opened, paymentReceived } from '../account/account.fixtures';
import type { OpenedAccount } from '../account/account.state';
import { regulationF } from './contact-policy';
import { withdrawnBeforeDelivery, type QueuedMessage } from './delivery-rules';

/* What changed between queueing a message and its delivery. 15:00Z is 10:00 in New York. */
const at = '2026-02-10T15:00:00.000Z';
const owed: AccountEvent[] = [opened, issued('inv-1', 50_000, '2026-01-01', '2026-01-31'), issued('inv-2', 30_000, '2026-01-15', '2026-02-14')];
const fold = (given: AccountEvent[]) => given.reduce(accountDecider.evolve, accountDecider.initialState()) as OpenedAccount;
const withdrawn = (given: AccountEvent[], message: QueuedMessage) => withdrawnBeforeDelivery(fold([...owed, ...given]), message, at, regulationF)?.code ?? null;

const reminder = (channel: QueuedMessage['channel'], invoiceId = 'inv-1'): QueuedMessage => ({ channel, template: 'payment-reminder', reminderOf: invoiceId });
const ceased: AccountEvent = { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-02-09' } };
const emailBlocked: AccountEvent = { type: 'ChannelBlocked', data: { channel: 'email' } };
const disputed = (invoiceId: string | null): AccountEvent => ({
  type: 'DisputeRaised',
  data: { disputeId: 'd-1', invoiceId, reason: 'not mine', amount: 50_000, currency: 'USD', raisedOn: '2026-02-09' },
});

describe('a message queued before the debtor changed what they allow', () => {
  it('goes when nothing changed', () => {
    expect(withdrawn([], reminder('email'))).toBeNull();
  });
  it('withdraws a strategy reminder after a cease request (1006.6(c)(1)), by a medium since blocked (1006.14(h)(1))', () => {
    expect(withdrawn([ceased], reminder('letter'))).toBe('CEASE_REQUESTED');
    expect(withdrawn([emailBlocked], reminder('email'))).toBe('CHANNEL_BLOCKED');
    expect(withdrawn([emailBlocked], reminder('sms'))).toBeNull();
  });
  it('withdraws a reminder of a debt since disputed (1006.38(d)(2)), and not one of another debt of the account', () => {
    expect(withdrawn([disputed('inv-1')], reminder('email', 'inv-1'))).toBe('DISPUTE_OPEN');
    expect(withdrawn([disputed('inv-1')], reminder('email', 'inv-2'))).toBeNull();
    expect(withdrawn([disputed(null)], reminder('email', 'inv-2'))).toBe('DISPUTE_OPEN');
  });
  it('withdraws a reminder of a debt since paid: it would misstate what is owed (1006.18(b)(2)(i))', () => {
    const paid = paymentReceived(50_000, '2026-02-09', { allocations: [{ invoiceId: 'inv-1', amount: 50_000 }] });
    expect(withdrawn([paid], reminder('email', 'inv-1'))).toBe('INVOICE_PAID');
    expect(withdrawn([paid], reminder('email', 'inv-2'))).toBeNull();
  });
  it('withdraws a reminder once a hold is in force, or the account is with an agency or legal review: the creditor does not pursue it then', () => {
    const held: AccountEvent = { type: 'HoldPlaced', data: { holdId: 'hold-1', reason: 'bereavement', until: '2026-02-20' } };
    expect(withdrawn([held], reminder('email'))).toBe('ACCOUNT_ON_HOLD');
    const over: AccountEvent = { type: 'HoldPlaced', data: { holdId: 'hold-1', reason: 'bereavement', until: '2026-02-09' } };
    expect(withdrawn([over], reminder('email'))).toBeNull();
    expect(withdrawn([{ type: 'PlacedWithAgency', data: { agencyId: 'agency-1', placedOn: '2026-02-09', balance: 80_000 } }], reminder('letter'))).toBe(
      'WITH_AGENCY',
    );
    expect(withdrawn([{ type: 'EscalatedToLegal', data: { escalatedOn: '2026-02-09', reason: null } }], reminder('letter'))).toBe('IN_LEGAL');
    // Notices other decisions queue are not reminders: the validation notice owed still goes during a hold.
    expect(withdrawn([held], { channel: 'letter', template: 'validation-notice' })).toBeNull();
  });
  it('lets the notices 1006.6(c)(2) allows go after a cease request, and the validation notice owed; not by a medium since blocked', () => {
    const effortsEnd: QueuedMessage = { channel: 'email', template: 'efforts-terminated' };
    expect(withdrawn([ceased, disputed(null)], effortsEnd)).toBeNull();
    expect(withdrawn([ceased], { channel: 'letter', template: 'remedy-notice' })).toBeNull();
    expect(withdrawn([ceased], { channel: 'letter', template: 'validation-notice' })).toBeNull();
    expect(withdrawn([ceased, emailBlocked], effortsEnd)).toBe('CHANNEL_BLOCKED');
    expect(withdrawn([emailBlocked], { channel: 'email', template: 'validation-notice' })).toBe('CHANNEL_BLOCKED');
  });
  it('withdraws any other notice decided before a cease request (1006.6(c)(1)); a confirmation the debtor asked for goes', () => {
    expect(withdrawn([ceased], { channel: 'letter', template: 'original-creditor' })).toBe('CEASE_REQUESTED');
    expect(withdrawn([ceased], { channel: 'email', template: 'resolution-confirmation' })).toBe('CEASE_REQUESTED');
    const asked: AccountEvent = { type: 'ResolutionConfirmationRequested', data: { requestedOn: '2026-02-09' } };
    expect(withdrawn([ceased, asked], { channel: 'email', template: 'resolution-confirmation' })).toBeNull();
  });
  it('lets the one reply by a blocked medium go by it (1006.14(h)(2)(ii)), but not after a cease request', () => {
    expect(withdrawn([emailBlocked], { channel: 'email', template: 'blocked-medium-reply' })).toBeNull();
    expect(withdrawn([emailBlocked, ceased], { channel: 'email', template: 'blocked-medium-reply' })).toBe('CEASE_REQUESTED');
  });
});
