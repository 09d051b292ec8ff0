import { deciderSpecification } from '@arrears/testing';
import { regulationFEverywhere } from '../compliance/contact-policy';
import type { RecordPayment } from '../payments/payments.commands';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, openedInNewYork, paymentReceived, planAgreed } from '../account/account.fixtures';
import type { AgreeSettlement, EscalateToLegal, LapseSettlement, PlaceWithAgency, RecallFromAgency, WriteOff } from './resolutions.commands';

const spec = deciderSpecification(accountDecider);
const now = '2026-02-10T15:00:00Z';
const billed = [opened, issued('inv-1', 50_000, '2026-01-01', '2026-01-31'), issued('inv-2', 30_000, '2026-01-15', '2026-02-14')];
const settle = (data: Partial<AgreeSettlement['data']> = {}) =>
  command<AgreeSettlement>('AgreeSettlement', { settlementId: 's-1', amount: 60_000, currency: 'USD', dueOn: '2026-02-28', ...data }, now);
const agreed: AccountEvent = { type: 'SettlementAgreed', data: { settlementId: 's-1', amount: 60_000, currency: 'USD', dueOn: '2026-02-28', settles: 80_000 } };
const pay = (amount: number, data: Partial<RecordPayment['data']> = {}) =>
  command<RecordPayment>('RecordPayment', { paymentId: 'pay-9', amount, currency: 'USD', receivedOn: '2026-02-10', method: 'card', ...data }, now);

describe('AgreeSettlement', () => {
  it('agrees to settle the whole balance for less, by a date', () => {
    spec.given(billed).when(settle()).then([agreed]);
  });
  it('refuses an amount not below the balance, a past date, a second arrangement and a reused id', () => {
    spec
      .given(billed)
      .when(settle({ amount: 80_000 }))
      .thenThrows('SETTLEMENT_NOT_BELOW_BALANCE', { balance: 80_000 });
    spec
      .given(billed)
      .when(settle({ dueOn: '2026-02-09' }))
      .thenThrows('SETTLEMENT_DATE_IN_PAST');
    spec
      .given([...billed, agreed])
      .when(settle({ settlementId: 's-2' }))
      .thenThrows('ARRANGEMENT_ACTIVE', { activeId: 's-1' });
    spec
      .given([...billed, planAgreed([{ invoiceId: 'inv-1', amount: 50_000 }], [{ dueOn: '2026-03-01', amount: 50_000 }])])
      .when(settle())
      .thenThrows('ARRANGEMENT_ACTIVE', { activeId: 'plan-1' });
    spec
      .given([...billed, agreed, { type: 'SettlementLapsed', data: { settlementId: 's-1', paid: 0 } }])
      .when(settle())
      .thenThrows('SETTLEMENT_ALREADY_AGREED');
    spec.given([opened]).when(settle()).thenThrows('NOTHING_TO_SETTLE');
  });
  it('completes when payments reach the amount, writing off the rest', () => {
    spec
      .given([...billed, agreed, paymentReceived(20_000, '2026-02-05', { allocations: [{ invoiceId: 'inv-1', amount: 20_000 }] })])
      .when(pay(40_000))
      .then([
        paymentReceived(40_000, '2026-02-10', {
          paymentId: 'pay-9',
          allocations: [
            { invoiceId: 'inv-1', amount: 30_000 },
            { invoiceId: 'inv-2', amount: 10_000 },
          ],
        }),
        { type: 'SettlementCompleted', data: { settlementId: 's-1', paymentId: 'pay-9', writtenOff: [{ invoiceId: 'inv-2', amount: 20_000 }] } },
      ]);
  });
});

describe('LapseSettlement', () => {
  const lapse = (at: string) => command<LapseSettlement>('LapseSettlement', { settlementId: 's-1' }, at);
  it('lapses only after its date', () => {
    spec
      .given([...billed, agreed])
      .when(lapse('2026-03-01T04:59:00Z'))
      .thenThrows('SETTLEMENT_NOT_DUE');
    spec
      .given([...billed, agreed])
      .when(lapse('2026-03-01T15:00:00Z'))
      .then([{ type: 'SettlementLapsed', data: { settlementId: 's-1', paid: 0 } }]);
    spec.given(billed).when(lapse('2026-03-01T15:00:00Z')).thenThrows('SETTLEMENT_NOT_ACTIVE');
  });
});

describe('WriteOff', () => {
  it('writes off every open balance, with its reason', () => {
    const off = command<WriteOff>('WriteOff', { reason: 'debtor deceased' }, now);
    spec
      .given(billed)
      .when(off)
      .then([
        {
          type: 'DebtWrittenOff',
          data: {
            reason: 'debtor deceased',
            allocations: [
              { invoiceId: 'inv-1', amount: 50_000 },
              { invoiceId: 'inv-2', amount: 30_000 },
            ],
          },
        },
      ]);
    spec.given([opened]).when(off).thenThrows('NOTHING_TO_WRITE_OFF');
  });
});

describe('Agency placement', () => {
  const place = command<PlaceWithAgency>('PlaceWithAgency', { agencyId: 'ag-1' }, now);
  const placed: AccountEvent = { type: 'PlacedWithAgency', data: { agencyId: 'ag-1', placedOn: '2026-02-10', balance: 80_000 } };
  it('places with an agency once, and recalls', () => {
    spec.given(billed).when(place).then([placed]);
    spec
      .given([...billed, placed])
      .when(place)
      .thenThrows('ALREADY_PLACED', { agencyId: 'ag-1' });
    spec
      .given([...billed, placed])
      .when(command<RecallFromAgency>('RecallFromAgency', {}, now))
      .then([{ type: 'RecalledFromAgency', data: { agencyId: 'ag-1' } }]);
    spec
      .given(billed)
      .when(command<RecallFromAgency>('RecallFromAgency', {}, now))
      .thenThrows('NOT_PLACED');
  });
  it('records agency payments as such, only from the agency holding the account', () => {
    spec
      .given([...billed, placed])
      .when(pay(10_000, { agencyId: 'ag-1' }))
      .then([paymentReceived(10_000, '2026-02-10', { paymentId: 'pay-9', agencyId: 'ag-1', allocations: [{ invoiceId: 'inv-1', amount: 10_000 }] })]);
    spec
      .given(billed)
      .when(pay(10_000, { agencyId: 'ag-1' }))
      .thenThrows('AGENCY_NOT_PLACED');
  });
});

describe('EscalateToLegal', () => {
  const escalate = command<EscalateToLegal>('EscalateToLegal', { policies: regulationFEverywhere }, now);
  it('escalates once, while something is owed', () => {
    spec
      .given(billed)
      .when(escalate)
      .then([{ type: 'EscalatedToLegal', data: { escalatedOn: '2026-02-10', reason: null } }]);
    spec
      .given([...billed, { type: 'EscalatedToLegal', data: { escalatedOn: '2026-02-01', reason: null } }])
      .when(escalate)
      .thenThrows('ALREADY_ESCALATED');
    spec.given([opened]).when(escalate).thenThrows('NOTHING_TO_COLLECT');
  });
  it('waits while any debt of the account is disputed or its original creditor asked for (1006.38(c), (d)(2)), and goes once that ends', () => {
    const raised: AccountEvent = {
      type: 'DisputeRaised',
      data: {
        disputeId: 'd-1',
        invoiceId: 'inv-2',
        reason: 'Not mine',
        amount: 30_000,
        currency: 'USD',
        raisedOn: '2026-02-05',
        timely: true,
        pausesCollection: true,
      },
    };
    const asked: AccountEvent = { type: 'OriginalCreditorRequested', data: { requestId: 'r-1', invoiceId: null, requestedOn: '2026-02-05' } };
    spec
      .given([...billed, raised])
      .when(escalate)
      .thenThrows('DISPUTE_OPEN', { invoiceId: 'inv-2' });
    spec
      .given([...billed, asked])
      .when(escalate)
      .thenThrows('ORIGINAL_CREDITOR_REQUESTED', { invoiceId: null });
    const rejected: AccountEvent = { type: 'DisputeResolved', data: { disputeId: 'd-1', outcome: 'rejected', adjustments: [] } };
    spec
      .given([...billed, raised, rejected])
      .when(escalate)
      .then([{ type: 'EscalatedToLegal', data: { escalatedOn: '2026-02-10', reason: null } }]);
  });
});

describe('EscalateToLegal of a time-barred debt', () => {
  // 12 CFR 1006.26(b): a debt collector must not bring or threaten to bring a legal action against a
  // consumer to collect a time-barred debt. New York: 3 years (CPLR 214-i) from default, 2023-01-01.
  const old = [openedInNewYork, issued('inv-1', 50_000, '2022-12-01', '2022-12-31')];
  const escalateOn = (day: string) => command<EscalateToLegal>('EscalateToLegal', { policies: regulationFEverywhere }, `${day}T15:00:00Z`);
  it('escalates the day before the debt is time-barred', () => {
    spec
      .given(old)
      .when(escalateOn('2025-12-31'))
      .then([{ type: 'EscalatedToLegal', data: { escalatedOn: '2025-12-31', reason: null } }]);
  });
  it('refuses on the day it is, naming the state and the date', () => {
    spec.given(old).when(escalateOn('2026-01-01')).thenThrows('DEBT_TIME_BARRED', { jurisdiction: 'US-NY', since: '2026-01-01' });
  });
});
