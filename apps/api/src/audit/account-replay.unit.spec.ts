import type { AccountEvent } from '@arrears/domain';
import { reportingZones } from '@arrears/platform';
import type { RecordedAccountEvent } from '@arrears/projections';
import { endOfDay, happenedBy, recordedBy } from './account-replay';

let revision = 0;
/** An event of acc-1 (creditor cred-1) as the store records it, at `recordedAt`. */
function recorded(event: AccountEvent, recordedAt: string): RecordedAccountEvent {
  const at = revision++;
  return {
    ...event,
    id: `evt-${String(at)}`,
    streamId: 'account-acc-1',
    revision: BigInt(at),
    position: BigInt(at + 1),
    metadata: {
      correlationId: 'corr',
      causationId: 'cause',
      actor: { id: 'feed', role: 'system' },
      occurredAt: recordedAt,
      recordedAt,
      schemaVersion: 1,
      creditorId: 'cred-1',
    },
  };
}

const recordedToday = '2026-06-10T15:00:00.000Z';
const debtor = { reference: 'D-1', name: 'Ada Lovelace', timeZone: 'UTC' };
const opened = recorded({ type: 'AccountOpened', data: { accountId: 'acc-1', creditorId: 'cred-1', debtor } }, recordedToday);
const invoice = recorded(
  {
    type: 'InvoiceIssued',
    data: { invoiceId: 'inv-1', amount: 12_500, currency: 'EUR', issuedOn: '2026-05-01', dueOn: '2026-05-21', terms: { graceDays: 0 } },
  },
  recordedToday,
);
const payment = recorded(
  {
    type: 'PaymentReceived',
    data: {
      paymentId: 'pay-1',
      amount: 3_000,
      currency: 'EUR',
      receivedOn: '2026-06-01',
      method: 'card',
      allocations: [{ invoiceId: 'inv-1', amount: 3_000 }],
      installmentAllocations: [],
      credited: 0,
    },
  },
  '2026-06-10T16:00:00.000Z',
);
const stream = [opened, invoice, payment];
const utc = reportingZones({});

describe('replaying an account in business time (asAt)', () => {
  it('keeps the facts that had happened by the end of the date, in stream order, behind the opening recorded later', () => {
    expect(happenedBy(stream, '2026-05-31', utc)).toEqual([opened, invoice]);
    expect(happenedBy(stream, '2026-06-01', utc)).toEqual(stream);
  });

  it('keeps nothing, not even the opening, before the account’s first fact', () => {
    expect(happenedBy(stream, '2026-04-30', utc)).toEqual([]);
  });

  it('reads a fact without a date of its own on its command’s day in the creditor’s reporting zone', () => {
    expect(happenedBy([opened], '2026-06-10', utc)).toEqual([opened]);
    expect(happenedBy([opened], '2026-06-10', reportingZones({ 'cred-1': 'Asia/Tokyo' }))).toEqual([]);
  });
});

describe('replaying an account in record time (asOf)', () => {
  it('keeps what had been recorded by the instant', () => {
    expect(recordedBy(stream, '2026-06-10T15:30:00.000Z')).toEqual([opened, invoice]);
    expect(recordedBy(stream, undefined)).toEqual(stream);
  });
});

describe('the end of a business day', () => {
  it('is its last millisecond in the zone, on a day that daylight saving shortens too', () => {
    expect(endOfDay('2026-06-01', 'America/New_York')).toBe('2026-06-02T03:59:59.999Z');
    expect(endOfDay('2026-03-08', 'America/New_York')).toBe('2026-03-09T03:59:59.999Z');
    expect(endOfDay('2026-11-01', 'America/New_York')).toBe('2026-11-02T04:59:59.999Z');
  });

  it('exists for the calendar’s last day', () => {
    expect(endOfDay('9999-12-31', 'UTC')).toBe('9999-12-31T23:59:59.999Z');
  });
});
