import type { AccountEvent } from './account.events';
import { evolve } from './account.evolve';
import { initialAccountState, type AccountState } from './account.state';
import { businessDatesOf, businessDayOf } from './business-time';
import { issued, opened, paymentReceived } from './account.fixtures';

const folded = (events: AccountEvent[]): AccountState => events.reduce(evolve, initialAccountState());
const invoice = issued('inv-1', 10_000, '2026-01-05', '2026-02-04');
const promise: AccountEvent = {
  type: 'PromiseToPayMade',
  data: { promiseId: 'pr-1', amount: 5_000, currency: 'USD', dueOn: '2026-02-20', graceDays: 2, madeOn: '2026-02-10' },
};

describe('business dates stamped when a command is written', () => {
  it('given an invoice, when a payment with a discount is written, then the discount takes the payment’s day', () => {
    const discount: AccountEvent = {
      type: 'EarlyPaymentDiscountApplied',
      data: { invoiceId: 'inv-1', paymentId: 'pay-1', amount: 200, currency: 'USD', percent: 2 },
    };
    expect(businessDatesOf([paymentReceived(9_800, '2026-01-12'), discount], folded([opened, invoice]))).toEqual(['2026-01-12', '2026-01-12']);
  });

  it('given a promise due 02-20, when the scheduler breaks it weeks later, then it was broken on its date', () => {
    const broken: AccountEvent = { type: 'PromiseBroken', data: { promiseId: 'pr-1', amount: 5_000, paid: 0 } };
    expect(businessDatesOf([broken], folded([opened, invoice, promise]))).toEqual(['2026-02-20']);
  });

  it('given a command without a dated fact, then its events have no stamped date (their command’s instant dates them)', () => {
    const note: AccountEvent = { type: 'NoteAdded', data: { text: 'called back' } };
    expect(businessDatesOf([note], folded([opened]))).toEqual([undefined]);
  });
});

describe('the business day a reader gives an event', () => {
  const recordedLate = { occurredAt: '2026-03-01T03:00:00Z' };

  it('is the stamped date when there is one', () => {
    expect(businessDayOf(invoice, { ...recordedLate, occurredOn: '2026-01-05' }, 'UTC')).toBe('2026-01-05');
  });

  it('is the fact’s own date for events written before dates were stamped, never the recording day', () => {
    expect(businessDayOf(invoice, recordedLate, 'UTC')).toBe('2026-01-05');
  });

  it('reads an instant in the reporting zone: a call at 03:00 UTC on 03-01 happened on 02-28 in New York', () => {
    const call: AccountEvent = { type: 'ContactAttempted', data: { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-03-01T03:00:00Z' } };
    expect(businessDayOf(call, recordedLate, 'America/New_York')).toBe('2026-02-28');
    expect(businessDayOf(call, recordedLate, 'UTC')).toBe('2026-03-01');
  });

  it('falls back to the command’s business instant in the reporting zone, ignoring a stamped value that is not a date', () => {
    const writeOff: AccountEvent = { type: 'DebtWrittenOff', data: { reason: 'uneconomic', allocations: [] } };
    expect(businessDayOf(writeOff, { ...recordedLate, occurredOn: '2026-13-45' }, 'America/New_York')).toBe('2026-02-28');
  });
});
