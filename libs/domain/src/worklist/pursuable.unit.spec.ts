import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { issued, opened } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { pursuable, pursuitPause } from './pursuable';

const accountAfter = (...events: AccountEvent[]) =>
  [opened, issued('inv-1', 50_000, '2026-01-01', '2026-01-31'), ...events].reduce(evolve, initialAccountState()) as OpenedAccount;
const dispute = (invoiceId: string | null): AccountEvent => ({
  type: 'DisputeRaised',
  data: { disputeId: 'd-1', invoiceId, reason: 'not mine', amount: 50_000, currency: 'USD', raisedOn: '2026-03-01' },
});
const hold: AccountEvent = { type: 'HoldPlaced', data: { holdId: 'h-1', reason: 'hospital', until: '2026-03-10' } };

describe('pursuable: whether the debtor may be pursued at all', () => {
  it('lets an account with nothing in the way be pursued', () => {
    expect(pursuitPause(accountAfter(), '2026-03-01')).toBeNull();
    expect(pursuable(accountAfter(), '2026-03-01')).toBe(true);
  });

  it('pauses for an open dispute until it is resolved (12 CFR 1006.38)', () => {
    expect(pursuitPause(accountAfter(dispute(null)), '2026-03-01')).toBe('dispute');
    const resolved: AccountEvent = { type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [] } };
    expect(pursuable(accountAfter(dispute(null), resolved), '2026-03-01')).toBe(true);
  });

  it('pauses an invoice for a dispute of that invoice or of the whole account, not of another invoice', () => {
    expect(pursuitPause(accountAfter(dispute('inv-1')), '2026-03-01', 'inv-1')).toBe('dispute');
    expect(pursuitPause(accountAfter(dispute(null)), '2026-03-01', 'inv-1')).toBe('dispute');
    expect(pursuitPause(accountAfter(dispute('inv-2')), '2026-03-01', 'inv-1')).toBeNull();
  });

  it('pursues the account as a whole while an undisputed invoice is owed, not once every owed invoice is paused (1006.38(d)(2))', () => {
    const second = issued('inv-2', 20_000, '2026-01-15', '2026-02-14');
    expect(pursuitPause(accountAfter(second, dispute('inv-2')), '2026-03-01')).toBeNull();
    expect(pursuitPause(accountAfter(dispute('inv-1')), '2026-03-01')).toBe('dispute');
    const requested: AccountEvent = { type: 'OriginalCreditorRequested', data: { requestId: 'r-1', invoiceId: 'inv-1', requestedOn: '2026-03-01' } };
    expect(pursuitPause(accountAfter(second, dispute('inv-2'), requested), '2026-03-01')).toBe('dispute');
    expect(pursuitPause(accountAfter(second, requested), '2026-03-01', 'inv-1')).toBe('original_creditor_request');
    expect(pursuitPause(accountAfter(second, requested), '2026-03-01')).toBeNull();
  });

  it('pauses for a hold through its last day, and no longer after it', () => {
    expect(pursuitPause(accountAfter(hold), '2026-03-10')).toBe('hold');
    expect(pursuitPause(accountAfter(hold), '2026-03-11')).toBeNull();
    const released: AccountEvent = { type: 'HoldReleased', data: { holdId: 'h-1', reason: 'released' } };
    expect(pursuitPause(accountAfter(hold, released), '2026-03-05')).toBeNull();
  });

  it('pauses while the account is in legal review or with an agency, and after a cease request (12 CFR 1006.6(c))', () => {
    expect(pursuitPause(accountAfter({ type: 'EscalatedToLegal', data: { escalatedOn: '2026-03-01', reason: null } }), '2026-03-01')).toBe('in_legal');
    expect(pursuitPause(accountAfter({ type: 'PlacedWithAgency', data: { agencyId: 'ag-1', placedOn: '2026-03-01', balance: 50_000 } }), '2026-03-01')).toBe(
      'with_agency',
    );
    expect(pursuitPause(accountAfter({ type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-03-01' } }), '2026-03-01')).toBe('cease');
  });

  it('names the most lasting reason first', () => {
    const cease: AccountEvent = { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-03-01' } };
    expect(pursuitPause(accountAfter(cease, hold, dispute(null)), '2026-03-05')).toBe('dispute');
    expect(pursuitPause(accountAfter(cease, hold), '2026-03-05')).toBe('hold');
  });
});
