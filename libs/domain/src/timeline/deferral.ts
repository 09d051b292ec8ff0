import { addDays, type IsoDate } from '../calendar/calendar';
import { activeHolds, type OpenedAccount, type StepDeferral } from '../account/account.state';
import { pauseOf } from '../disputes/collection-pause';
import type { CollectionStrategy, TimelineStep } from './strategy';
import type { StepDeferReason } from './timeline.events';

type Blockers = Pick<OpenedAccount, 'activePlan' | 'disputes' | 'creditorRequests' | 'holds'>;

/** A plan's schedule replaces the due dates of the invoices it covers. */
const underPlan = (account: Blockers, invoiceId: string): boolean => account.activePlan?.coveredInvoiceIds.includes(invoiceId) ?? false;

/**
 * A dispute of the invoice or of the whole account stops its collection until resolved (12 CFR
 * 1006.38(d)(2)); a request for its original creditor until answered (1006.38(c)). Other invoices go on.
 */
const paused = (account: Blockers, invoiceId: string) => pauseOf(account, invoiceId)?.reason;

/**
 * What holds a due step back on `today` (the debtor's date), or null when it may run. A plan holds back
 * every step of the invoices it covers; a dispute, an original-creditor request or a hold every step but the missed payment (the
 * books stay true), and the late fee unless the strategy assesses fees through them.
 */
export function deferReason(account: Blockers, invoiceId: string, step: TimelineStep, strategy: CollectionStrategy, today: IsoDate): StepDeferReason | null {
  if (underPlan(account, invoiceId)) return 'plan';
  const { kind } = step.action;
  if (kind === 'mark_payment_missed') return null;
  if (kind === 'assess_late_fee' && strategy.lateFeesWhileDisputedOrHeld === 'assess') return null;
  const pause = paused(account, invoiceId);
  if (pause) return pause;
  if (activeHolds(account, today).length) return 'hold';
  return null;
}

/**
 * The day a deferred step may come due again: its own date once what held it back has ended, the day
 * after the holds placed end, or null while the plan or dispute lasts (the event that ends it moves the
 * account's wake day, which is recomputed on every event).
 */
export function resumesOn(account: Blockers, invoiceId: string, deferral: StepDeferral): IsoDate | null {
  switch (deferral.reason) {
    case 'plan':
      return underPlan(account, invoiceId) ? null : deferral.dueOn;
    case 'dispute':
    case 'original_creditor_request':
      return paused(account, invoiceId) ? null : deferral.dueOn;
    case 'hold': {
      const holdsEnd = Object.values(account.holds)
        .filter((hold) => hold.active)
        .map((hold) => addDays(hold.until, 1));
      return [deferral.dueOn, ...holdsEnd].reduce((latest, day) => (day > latest ? day : latest));
    }
  }
}
