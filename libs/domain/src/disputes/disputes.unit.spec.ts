import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, paymentReceived } from '../account/account.fixtures';
import { regulationFEverywhere, type ContactPolicies } from '../compliance/contact-policy';
import type { RaiseDispute, ResolveDispute } from './disputes.commands';

const spec = deciderSpecification(accountDecider);
const now = '2026-02-10T15:00:00Z';
const billed = [opened, issued('inv-1', 50_000, '2026-01-01', '2026-01-31'), issued('inv-2', 30_000, '2026-01-15', '2026-02-14')];
const raise = (invoiceId?: string, policies: ContactPolicies = regulationFEverywhere, at = now) =>
  command<RaiseDispute>('RaiseDispute', { disputeId: 'd-1', reason: 'not delivered', ...(invoiceId && { invoiceId }), policies }, at);
const raised = (invoiceId: string | null, amount: number, late?: { raisedOn: string; pausesCollection: boolean }): AccountEvent => ({
  type: 'DisputeRaised',
  data: {
    disputeId: 'd-1',
    invoiceId,
    reason: 'not delivered',
    amount,
    currency: 'USD',
    raisedOn: late?.raisedOn ?? '2026-02-10',
    timely: !late,
    pausesCollection: late?.pausesCollection ?? true,
  },
});
const resolve = (outcome: 'upheld' | 'rejected') => command<ResolveDispute>('ResolveDispute', { disputeId: 'd-1', outcome }, now);

describe('RaiseDispute', () => {
  it('disputes one invoice for what it still owes, or the whole account', () => {
    spec
      .given([...billed, paymentReceived(10_000, '2026-02-01', { allocations: [{ invoiceId: 'inv-1', amount: 10_000 }] })])
      .when(raise('inv-1'))
      .then([raised('inv-1', 40_000)]);
    spec
      .given(billed)
      .when(raise())
      .then([raised(null, 80_000)]);
  });
  it('refuses a reused id, an unknown invoice and a paid one', () => {
    spec
      .given([...billed, raised(null, 80_000)])
      .when(raise())
      .thenThrows('DISPUTE_ALREADY_RAISED');
    spec.given(billed).when(raise('inv-9')).thenThrows('INVOICE_NOT_FOUND');
    spec
      .given([...billed, paymentReceived(50_000, '2026-02-01', { allocations: [{ invoiceId: 'inv-1', amount: 50_000 }] })])
      .when(raise('inv-1'))
      .thenThrows('NOTHING_TO_DISPUTE');
  });
});

describe('ResolveDispute', () => {
  it('adjusts off the disputed balance when upheld', () => {
    spec
      .given([...billed, raised('inv-2', 30_000)])
      .when(resolve('upheld'))
      .then([{ type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'upheld', adjustments: [{ invoiceId: 'inv-2', amount: 30_000 }] } }]);
  });
  it('adjusts nothing when rejected', () => {
    spec
      .given([...billed, raised(null, 80_000)])
      .when(resolve('rejected'))
      .then([{ type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [] } }]);
  });
  it('leaves the upheld account owing nothing', () => {
    const state = [
      ...billed,
      raised(null, 80_000),
      {
        type: 'DisputeResolved',
        data: {
          disputeId: 'd-1',
          outcome: 'upheld',
          adjustments: [
            { invoiceId: 'inv-1', amount: 50_000 },
            { invoiceId: 'inv-2', amount: 30_000 },
          ],
        },
      } as AccountEvent,
    ];
    spec.given(state).when(raise()).thenThrows('DISPUTE_ALREADY_RAISED');
    spec
      .given(state)
      .when(command<RaiseDispute>('RaiseDispute', { disputeId: 'd-2', reason: 'again', policies: regulationFEverywhere }, now))
      .thenThrows('NOTHING_TO_DISPUTE');
  });
  it('refuses an unknown or resolved dispute', () => {
    spec.given(billed).when(resolve('upheld')).thenThrows('DISPUTE_NOT_FOUND');
    spec
      .given([...billed, raised(null, 80_000), { type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [] } }])
      .when(resolve('upheld'))
      .thenThrows('DISPUTE_ALREADY_RESOLVED');
  });
});
