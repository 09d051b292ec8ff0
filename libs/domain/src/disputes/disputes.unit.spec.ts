import type { RenderedMessage } from '../notices/notices.events';
import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, paymentReceived } from '../account/account.fixtures';
import { regulationFEverywhere, type ContactPolicies } from '../compliance/contact-policy';
import { demoCreditorProfile } from '../compliance/creditor-profile';
import type { OpenedAccount } from '../account/account.state';
import { collectionPauses } from './collection-pause';
import type { ProvideOriginalCreditor, RaiseDispute, RequestOriginalCreditor, ResolveDispute } from './disputes.commands';

const spec = deciderSpecification(accountDecider);
const now = '2026-02-10T15:00:00Z';
const billed = [opened, issued('inv-1', 50_000, '2026-01-01', '2026-01-31'), issued('inv-2', 30_000, '2026-01-15', '2026-02-14')];
const raise = (invoiceId?: string, policies: ContactPolicies = regulationFEverywhere, at = now) =>
  command<RaiseDispute>('RaiseDispute', { disputeId: 'd-1', reason: 'not delivered', ...(invoiceId && { invoiceId }), policies }, at);
const raised = (invoiceId: string | null, amount: number, late?: { raisedOn: string; pausesCollection: boolean }, raisedOn = '2026-02-10'): AccountEvent => ({
  type: 'DisputeRaised',
  data: {
    disputeId: 'd-1',
    invoiceId,
    reason: 'not delivered',
    amount,
    currency: 'USD',
    raisedOn: late?.raisedOn ?? raisedOn,
    timely: !late,
    pausesCollection: late?.pausesCollection ?? true,
  },
});
const verification = { channel: 'letter' as const, sentOn: '2026-02-10' };
const resolve = (outcome: 'upheld' | 'rejected', sent: ResolveDispute['data']['verification'] | null = outcome === 'rejected' ? verification : null) =>
  command<ResolveDispute>('ResolveDispute', { disputeId: 'd-1', outcome, ...(sent && { verification: sent }) }, now);

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
  it('records a dispute raised after the debtor’s personal data was erased, without what it says of them', () => {
    const erased: AccountEvent = { type: 'PersonalDataErased', data: { debtorReference: 'D-100', erasedOn: '2026-02-01' } };
    const withoutReason = { ...(raised('inv-1', 50_000) as Extract<AccountEvent, { type: 'DisputeRaised' }>).data };
    delete withoutReason.reason;
    spec
      .given([...billed, erased])
      .when(
        command<RaiseDispute>(
          'RaiseDispute',
          { disputeId: 'd-1', invoiceId: 'inv-1', reason: 'my sister paid', attachmentRef: 'doc-1', policies: regulationFEverywhere },
          now,
        ),
      )
      .then([{ type: 'DisputeRaised', data: withoutReason }]);
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
  it('adjusts nothing when rejected, and records the verification sent to the debtor', () => {
    spec
      .given([...billed, raised(null, 80_000)])
      .when(resolve('rejected'))
      .then([{ type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [], verification } }]);
  });
  it('rejects a dispute that paused collection only once its verification was sent, on a day not after today (1006.38(d)(2)(i))', () => {
    spec
      .given([...billed, raised(null, 80_000)])
      .when(resolve('rejected', null))
      .thenThrows('VERIFICATION_REQUIRED', { field: 'verification' });
    for (const sentOn of ['2026-02-11', '2026-02-09'])
      spec
        .given([...billed, raised(null, 80_000)])
        .when(resolve('rejected', { channel: 'email', sentOn }))
        .thenThrows('INVALID_DATE', { field: 'verification.sentOn', raisedOn: '2026-02-10', today: '2026-02-10' });
    spec
      .given([...billed, raised(null, 80_000)])
      .when(resolve('rejected', { channel: 'email', sentOn: '2026-02-10' }))
      .then([
        { type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [], verification: { channel: 'email', sentOn: '2026-02-10' } } },
      ]);
  });
  it('rejects a late dispute that only was recorded without a verification: collection never waited for one', () => {
    spec
      .given([...billed, raised('inv-1', 50_000, { raisedOn: '2026-02-10', pausesCollection: false })])
      .when(resolve('rejected', null))
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

describe('RaiseDispute after the validation period', () => {
  // The validation period ends 2026-02-20; the debtor's date decides.
  const validated: AccountEvent = { type: 'ValidationNoticeSent', data: { channel: 'letter', sentAt: '2026-01-14T15:00:00.000Z', periodEndsOn: '2026-02-20' } };
  const withPolicy = (disputesAfterValidationPeriod: 'pause_collection' | 'record_only'): ContactPolicies => ({
    ...regulationFEverywhere,
    profiles: { default: { ...demoCreditorProfile, disputesAfterValidationPeriod }, byCreditor: {} },
  });
  it('is timely on the period’s last day, and then pauses whatever the policy (1006.38(d)(2))', () => {
    spec
      .given([...billed, validated])
      .when(raise('inv-1', withPolicy('record_only'), '2026-02-21T04:59:00Z'))
      .then([raised('inv-1', 50_000, undefined, '2026-02-20')]);
  });
  it('is late from the day after, and pauses collection by default', () => {
    spec
      .given([...billed, validated])
      .when(raise('inv-1', regulationFEverywhere, '2026-02-21T15:00:00Z'))
      .then([raised('inv-1', 50_000, { raisedOn: '2026-02-21', pausesCollection: true })]);
  });
  it('is recorded only where the creditor’s policy says so: collection goes on', () => {
    spec
      .given([...billed, validated])
      .when(raise('inv-1', withPolicy('record_only'), '2026-02-21T15:00:00Z'))
      .then([raised('inv-1', 50_000, { raisedOn: '2026-02-21', pausesCollection: false })]);
    const state = [...billed, validated, raised('inv-1', 50_000, { raisedOn: '2026-02-21', pausesCollection: false })].reduce(
      accountDecider.evolve,
      accountDecider.initialState(),
    ) as OpenedAccount;
    expect(collectionPauses(state)).toEqual([]);
  });
  it('is timely before any validation notice: no period has ended', () => {
    spec
      .given(billed)
      .when(raise('inv-1', withPolicy('record_only'), '2026-06-01T15:00:00Z'))
      .then([raised('inv-1', 50_000, undefined, '2026-06-01')]);
  });
  it('reads a dispute recorded before disputes could be late as pausing', () => {
    const old: AccountEvent = {
      type: 'DisputeRaised',
      data: { disputeId: 'd-1', invoiceId: 'inv-1', reason: 'old', amount: 50_000, currency: 'USD', raisedOn: '2026-02-01' },
    };
    const state = [...billed, old].reduce(accountDecider.evolve, accountDecider.initialState()) as OpenedAccount;
    expect(collectionPauses(state)).toEqual([{ reason: 'dispute', id: 'd-1', invoiceId: 'inv-1' }]);
  });
});

describe('RequestOriginalCreditor and ProvideOriginalCreditor (1006.38(c))', () => {
  const request = (invoiceId?: string) =>
    command<RequestOriginalCreditor>('RequestOriginalCreditor', { requestId: 'r-1', ...(invoiceId && { invoiceId }) }, now);
  const requested = (invoiceId: string | null): AccountEvent => ({
    type: 'OriginalCreditorRequested',
    data: { requestId: 'r-1', invoiceId, requestedOn: '2026-02-10' },
  });
  const address = { lines: ['1 Bank Street'], city: 'Albany', region: 'NY', country: 'US' };
  const provide = (channel: 'letter' | 'email' = 'letter', at = now) =>
    command<ProvideOriginalCreditor>(
      'ProvideOriginalCreditor',
      { requestId: 'r-1', name: ' First Bank ', address, channel, policies: regulationFEverywhere },
      at,
    );

  it('records a request about one debt or the whole account; refuses a reused id and an unknown invoice', () => {
    spec
      .given(billed)
      .when(request('inv-1'))
      .then([requested('inv-1')]);
    spec
      .given(billed)
      .when(request())
      .then([requested(null)]);
    spec
      .given([...billed, requested(null)])
      .when(request())
      .thenThrows('REQUEST_ALREADY_RECORDED');
    spec.given(billed).when(request('inv-9')).thenThrows('INVOICE_NOT_FOUND');
  });
  it('pauses that debt, not the others, until answered', () => {
    const state = [...billed, requested('inv-1')].reduce(accountDecider.evolve, accountDecider.initialState()) as OpenedAccount;
    expect(collectionPauses(state)).toEqual([{ reason: 'original_creditor_request', id: 'r-1', invoiceId: 'inv-1' }]);
  });
  it('records the answer and queues it to the debtor in writing; collection of the debt resumes', () => {
    spec
      .given([...billed, requested('inv-1')])
      .when(provide())
      .then([
        { type: 'OriginalCreditorProvided', data: { requestId: 'r-1', originalCreditor: { name: 'First Bank', address }, providedOn: '2026-02-10' } },
        {
          type: 'NoticeSent',
          data: {
            notificationId: `acc-1:original_creditor:inv-1:${now}`,
            purpose: 'original_creditor',
            channel: 'letter',
            template: 'original-creditor',
            invoiceId: 'inv-1',
            sentAt: now,
            // The answer as it went out: the original creditor the collector gave (1006.38(c)).
            message: expect.objectContaining({
              templateId: 'original-creditor',
              body: expect.stringContaining('First Bank') as string,
            }) as RenderedMessage,
          },
        },
      ]);
    const answered = [
      ...billed,
      requested('inv-1'),
      {
        type: 'OriginalCreditorProvided',
        data: { requestId: 'r-1', originalCreditor: { name: 'First Bank', address }, providedOn: '2026-02-10' },
      } as AccountEvent,
    ];
    expect(collectionPauses(answered.reduce(accountDecider.evolve, accountDecider.initialState()) as OpenedAccount)).toEqual([]);
    spec.given(answered).when(provide()).thenThrows('REQUEST_ALREADY_ANSWERED');
  });
  it('refuses an unknown request, a blocked channel, a time outside contact hours and a debtor who asked that communication cease', () => {
    spec.given(billed).when(provide()).thenThrows('REQUEST_NOT_FOUND');
    spec
      .given([...billed, requested(null), { type: 'ChannelBlocked', data: { channel: 'email' } }])
      .when(provide('email'))
      .thenThrows('CHANNEL_BLOCKED');
    spec
      .given([...billed, requested(null)])
      .when(provide('email', '2026-02-11T02:00:00Z'))
      .thenThrows('OUTSIDE_CONTACT_HOURS');
    spec
      .given([...billed, requested(null), { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-02-09' } }])
      .when(provide())
      .thenThrows('CEASE_REQUESTED');
  });
});
