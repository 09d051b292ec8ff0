import { reportingZones } from '@arrears/platform';
import { eventLog, facts, projectAll } from '../read-model.fixtures';
import { auditTrailProjectionFor } from './audit-trail.projection';

// cred-1 reports in Tokyo, where the fixtures' recording instant (12:00 UTC) is already 21:00.
const auditTrailProjection = auditTrailProjectionFor(reportingZones({ 'cred-1': 'Asia/Tokyo' }));

const on = eventLog();
const acc = on('acc-1');
const history = [
  acc('AccountOpened', facts.opened('acc-1')),
  acc('InvoiceIssued', facts.invoice('inv-1', 125_000, '2026-01-05', '2026-02-04')),
  acc('CreditApplied', { invoiceId: 'inv-1', amount: 500, currency: 'EUR' }),
  acc('PaymentReceived', facts.payment('pay-1', 130_000, '2026-02-01', [{ invoiceId: 'inv-1', amount: 124_500 }], 5_500)),
  acc('EarlyPaymentDiscountApplied', { invoiceId: 'inv-1', paymentId: 'pay-1', amount: 2_500, currency: 'EUR', percent: 2 }),
  acc('PaymentMissed', { invoiceId: 'inv-1', dueOn: '2026-02-04', overdueAmount: 10_000, currency: 'EUR', missedOn: '2026-02-05' }),
  acc('LateFeeAssessed', { invoiceId: 'inv-1', amount: 1_500, currency: 'EUR', assessedOn: '2026-02-06', rule: { type: 'flat', amount: 1_500 } }),
  acc('PlanAgreed', {
    planId: 'plan-1',
    currency: 'EUR',
    agreedOn: '2026-02-07',
    installments: [
      { number: 1, dueOn: '2026-03-01', amount: 6_000 },
      { number: 2, dueOn: '2026-04-01', amount: 5_500 },
    ],
    covers: [],
  }),
  acc('InstallmentPaid', { planId: 'plan-1', installment: 1, paymentId: 'pay-2' }),
  acc('PlanCompleted', { planId: 'plan-1', paymentId: 'pay-3' }),
  acc('AccountClaimed', { agentId: 'agent-1', until: '2026-03-01T10:00:00.000Z' }),
  acc('AccountClaimReleased', { agentId: 'agent-1' }),
  acc('AccountClosed', { closedOn: '2026-04-02', reason: 'paid' }),
];

describe('audit trail read model', () => {
  const entries = [...projectAll(auditTrailProjection, history).values()].sort((a, b) => a.revision - b.revision);

  it('keeps every event in order with position, revision, times, actor, correlation and causation', () => {
    expect(entries).toHaveLength(history.length);
    expect(entries[1]).toEqual({
      id: 'acc-1:000000000001',
      accountId: 'acc-1',
      creditorId: 'cred-1',
      revision: 1,
      position: 2,
      eventId: 'evt-2',
      type: 'InvoiceIssued',
      occurredAt: '2026-03-01T12:00:00.000Z',
      occurredOn: '2026-01-05',
      recordedAt: '2026-03-01T12:00:00.000Z',
      actor: { id: 'agent-7', role: 'agent' },
      correlationId: 'corr-2',
      causationId: 'cause-2',
      summary: 'Invoice inv-1 issued for EUR 1,250.00 on 2026-01-05, due 2026-02-04.',
      data: history[1]!.data,
    });
  });

  it('writes a one-line summary for every kind of event', () => {
    expect(entries.map((entry) => entry.summary)).toEqual([
      'Account opened for creditor cred-1, debtor D-acc-1.',
      'Invoice inv-1 issued for EUR 1,250.00 on 2026-01-05, due 2026-02-04.',
      'Credit of EUR 5.00 applied to invoice inv-1.',
      'Payment pay-1 of EUR 1,300.00 received on 2026-02-01 by card, EUR 55.00 kept as credit.',
      'Early-payment discount of EUR 25.00 (2%) applied to invoice inv-1.',
      'Payment missed on invoice inv-1: EUR 100.00 overdue since 2026-02-04.',
      'Late fee of EUR 15.00 assessed on invoice inv-1.',
      'Plan plan-1 agreed: 2 installments totalling EUR 115.00.',
      'Installment 1 of plan plan-1 paid by payment pay-2.',
      'Plan plan-1 completed.',
      'Claimed by agent agent-1 until 2026-03-01T10:00:00.000Z.',
      'Claim released by agent agent-1.',
      'Account closed on 2026-04-02 (paid).',
    ]);
  });

  it('changes nothing when events are delivered again', () => {
    expect(projectAll(auditTrailProjection, [...history, ...history])).toEqual(projectAll(auditTrailProjection, history));
  });
});

describe('audit trail read model: the two times of each event', () => {
  const late = on('acc-2');
  const recordedAt = '2026-03-01T16:30:00.000Z';
  const entryOf = (event: ReturnType<typeof late>) => [...projectAll(auditTrailProjection, [event]).values()][0];

  it('gives a fact recorded late its business day, and keeps when it was recorded', () => {
    const invoice = late('InvoiceIssued', facts.invoice('inv-1', 10_000, '2026-01-20', '2026-02-19'), recordedAt);
    expect(entryOf({ ...invoice, metadata: { ...invoice.metadata, occurredOn: '2026-01-20' } })).toMatchObject({ occurredOn: '2026-01-20', recordedAt });
  });

  it('dates a fact without a date of its own on its command’s day in the creditor’s reporting zone', () => {
    expect(entryOf(late('AccountOpened', facts.opened('acc-2'), recordedAt))).toMatchObject({ occurredOn: '2026-03-02', recordedAt });
  });

  it('dates an event written before dates were stamped by its own date', () => {
    expect(entryOf(late('AccountClosed', { closedOn: '2026-02-27', reason: 'paid' }, recordedAt))).toMatchObject({ occurredOn: '2026-02-27' });
  });
});

describe('audit trail read model: erasure', () => {
  const erasure = acc('PersonalDataErased', { debtorReference: 'D-acc-1', erasedOn: '2026-04-03' });
  const entries = projectAll(auditTrailProjection, [...history, erasure]);

  it('rewrites the opening entry without the personal fields, and records the erasure', () => {
    expect(entries.get('audit_trail/acc-1:000000000000')?.data).toEqual({
      accountId: 'acc-1',
      creditorId: 'cred-1',
      debtor: { reference: 'D-acc-1', timeZone: 'UTC', personalDataErased: true },
    });
    expect(JSON.stringify([...entries.values()])).not.toContain('Ada Lovelace');
    expect(entries.get(`audit_trail/acc-1:${String(history.length).padStart(12, '0')}`)?.summary).toBe(
      'The personal data of debtor D-acc-1 was erased on 2026-04-03.',
    );
  });

  it('ends the same when the events are delivered again', () => {
    expect(projectAll(auditTrailProjection, [...history, erasure, ...history, erasure])).toEqual(entries);
  });
});

describe('audit trail read model: messages', () => {
  const other = eventLog()('acc-2');
  const message = { templateId: 'validation-notice', version: 1, language: 'en', subject: 'Notice', body: 'To: Ada Lovelace, 12 Elm Street' };
  const notice = other('ValidationNoticeSent', { channel: 'letter', sentAt: '2026-03-01T15:00:00.000Z', periodEndsOn: '2026-04-07', message });
  const entries = [...projectAll(auditTrailProjection, [other('AccountOpened', facts.opened('acc-2')), notice]).values()];

  it('records which template, version and language went out, never the text that names the debtor (it stays sealed in the log)', () => {
    expect(entries[1]?.data).toEqual({
      channel: 'letter',
      sentAt: '2026-03-01T15:00:00.000Z',
      periodEndsOn: '2026-04-07',
      message: { templateId: 'validation-notice', version: 1, language: 'en' },
    });
    expect(JSON.stringify(entries)).not.toContain('Elm Street');
  });
});
