import { daysBetween, nextWakeOn, openPromise, outstanding, type IsoDate, type OpenedAccount } from '@arrears/domain';

/** No day: a planned payment, a promise or an overdue balance that is not there. */
export const noDay = 0x7fffffff;

/**
 * What the simulator keeps of each account between days: a few numbers in typed arrays (about 90
 * bytes an account), never the account's history. Days count from the simulation's start. Balances
 * and what is due come from the account as the command path left it (`absorb`); plans for the future
 * (a payment the debtor will make, whether they keep a promise) are the behaviour model's.
 */
export class PortfolioState {
  /** Open balance of the invoices, and the part of it past due and grace. */
  readonly owed: Float64Array;
  readonly overdue: Float64Array;
  /** The day the oldest overdue invoice fell overdue. */
  readonly overdueSince: Int32Array;
  /** The next day the collection timeline may have work (the domain's `nextWakeOn`). */
  readonly wakeDay: Int32Array;
  /** The payment the debtor means to make for their invoices. */
  readonly payDay: Int32Array;
  readonly payAmount: Float64Array;
  /** The open promise's day and amount, and whether the debtor will keep it. */
  readonly promiseDay: Int32Array;
  readonly promiseAmount: Float64Array;
  readonly keepsPromise: Uint8Array;
  /** The active plan's next unpaid installment, and whether the debtor keeps the plan. */
  readonly installmentDay: Int32Array;
  readonly installmentAmount: Float64Array;
  readonly keepsPlan: Uint8Array;
  readonly disputedSince: Int32Array;
  /** The last day a reminder or a call reached the debtor (a conversation, or a message left). */
  readonly touchedDay: Int32Array;
  /** The last day an agent called, reached or not: the queue waits some days before calling again. */
  readonly calledDay: Int32Array;
  readonly closed: Uint8Array;
  readonly everOverdue: Uint8Array;
  /** Counters that make the next ids (invoice, payment, promise, plan, dispute numbers). */
  readonly invoices: Uint16Array;
  readonly payments: Uint16Array;
  readonly arrangements: Uint16Array;
  readonly disputes: Uint16Array;

  constructor(readonly size: number) {
    this.owed = new Float64Array(size);
    this.overdue = new Float64Array(size);
    this.overdueSince = new Int32Array(size).fill(noDay);
    this.wakeDay = new Int32Array(size).fill(noDay);
    this.payDay = new Int32Array(size).fill(noDay);
    this.payAmount = new Float64Array(size);
    this.promiseDay = new Int32Array(size).fill(noDay);
    this.promiseAmount = new Float64Array(size);
    this.keepsPromise = new Uint8Array(size);
    this.installmentDay = new Int32Array(size).fill(noDay);
    this.installmentAmount = new Float64Array(size);
    this.keepsPlan = new Uint8Array(size);
    this.disputedSince = new Int32Array(size).fill(noDay);
    this.touchedDay = new Int32Array(size).fill(-noDay);
    this.calledDay = new Int32Array(size).fill(-noDay);
    this.closed = new Uint8Array(size);
    this.everOverdue = new Uint8Array(size);
    this.invoices = new Uint16Array(size);
    this.payments = new Uint16Array(size);
    this.arrangements = new Uint16Array(size);
    this.disputes = new Uint16Array(size);
  }

  /** Takes in the account as the command path left it, on `today` (the debtor's date). */
  absorb(index: number, account: OpenedAccount, start: IsoDate, today: IsoDate): void {
    const day = (date: IsoDate | null | undefined) => (date ? daysBetween(start, date) : noDay);
    let owed = 0;
    let overdue = 0;
    let since = noDay;
    for (const invoice of Object.values(account.invoices)) {
      const open = outstanding(invoice);
      if (open <= 0) continue;
      owed += open;
      const lateFrom = day(invoice.dueOn) + invoice.terms.graceDays + 1;
      if (lateFrom <= day(today)) {
        overdue += open;
        since = Math.min(since, lateFrom);
      }
    }
    this.owed[index] = owed;
    this.overdue[index] = overdue;
    this.overdueSince[index] = since;
    if (overdue > 0) this.everOverdue[index] = 1;
    this.wakeDay[index] = day(nextWakeOn(account));
    this.closed[index] = account.status === 'closed' ? 1 : 0;
    const promise = openPromise(account);
    this.promiseDay[index] = promise ? day(promise.dueOn) : noDay;
    this.promiseAmount[index] = promise ? promise.amount - promise.paid : 0;
    const next = account.activePlan?.installments.find((installment) => !installment.missed && installment.paid < installment.amount);
    this.installmentDay[index] = next ? day(next.dueOn) : noDay;
    this.installmentAmount[index] = next ? next.amount - next.paid : 0;
    const disputed = Object.values(account.disputes).some((dispute) => dispute.status === 'open');
    if (!disputed) this.disputedSince[index] = noDay;
    else if (this.disputedSince[index] === noDay) this.disputedSince[index] = day(today);
  }

  /** The next number of a counter (`invoices`, `payments`…) for the account: 1 first. */
  next(counter: Uint16Array, index: number): number {
    const number = (counter[index] ?? 0) + 1;
    counter[index] = number;
    return number;
  }

  /** What is paid besides the payment planned pays that much of it too: planned money is not paid twice. */
  paidBesidesPlan(index: number, amount: number): void {
    const left = Math.max(0, (this.payAmount[index] as number) - amount);
    this.payAmount[index] = left;
    if (left === 0) this.payDay[index] = noDay;
  }

  /** Adds a payment the debtor means to make; two planned payments are made together, on the earlier day. */
  plan(index: number, day: number, amount: number): void {
    this.payDay[index] = Math.min(this.payDay[index] as number, day);
    this.payAmount[index] = (this.payAmount[index] as number) + amount;
  }
}
