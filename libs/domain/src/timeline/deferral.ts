import { addDays, type IsoDate } from '../calendar/calendar';
import type { ContactPolicies } from '../compliance/contact-policy';
import { activeHolds, type OpenedAccount, type StepDeferral } from '../account/account.state';
import { pauseOf } from '../disputes/collection-pause';
import { inValidationPeriod, owesValidationNotice, validationNoticeChannel } from '../interactions/validation-notice';
import { communicatingActions, isEscalation, type CollectionStrategy, type TimelineStep } from './strategy';
import type { StepDeferReason } from './timeline.events';

type Blockers = Pick<
  OpenedAccount,
  'activePlan' | 'disputes' | 'creditorRequests' | 'holds' | 'validationNotice' | 'creditorId' | 'debtor' | 'restrictions' | 'interactions'
>;

/** A plan's schedule replaces the due dates of the invoices it covers. */
const underPlan = (account: Blockers, invoiceId: string): boolean => account.activePlan?.coveredInvoiceIds.includes(invoiceId) ?? false;

/**
 * A dispute of the invoice or of the whole account stops its collection until resolved (12 CFR
 * 1006.38(d)(2)); a request for its original creditor until answered (1006.38(c)). Other invoices go on.
 */
const paused = (account: Blockers, invoiceId: string) => pauseOf(account, invoiceId)?.reason;

/**
 * What holds a due step back on `today` (the debtor's date), or null when it may run. A plan holds back
 * every step of the invoices it covers; a dispute, an original-creditor request or a hold every step but
 * the missed payment (the books stay true), and the late fee unless the strategy assesses fees through
 * them; the validation notice and its period what reaches the debtor or escalates (see validationDeferral).
 */
export function deferReason(
  account: Blockers,
  invoiceId: string,
  step: TimelineStep,
  strategy: CollectionStrategy,
  today: IsoDate,
  policies: ContactPolicies,
): StepDeferReason | null {
  if (underPlan(account, invoiceId)) return 'plan';
  const { kind } = step.action;
  if (kind === 'mark_payment_missed') return null;
  if (kind === 'assess_late_fee' && strategy.lateFeesWhileDisputedOrHeld === 'assess') return null;
  const pause = paused(account, invoiceId);
  if (pause) return pause;
  if (activeHolds(account, today).length) return 'hold';
  return validationDeferral(account, step, today, policies);
}

/**
 * Where a debt collector owes a validation notice: an escalation waits out the validation period, from
 * sending through `periodEndsOn` (no overshadowing, 1006.38(b)), and one due before any notice went out
 * waits for the notice and then its period; a step reaching the debtor before the notice waits while no
 * channel may carry the notice with it or within 5 days (1006.34(a)(1)). A creditor owes no notice.
 */
function validationDeferral(account: Blockers, step: TimelineStep, today: IsoDate, policies: ContactPolicies): StepDeferReason | null {
  if (isEscalation(step) && (account.validationNotice ? inValidationPeriod(account, today) : awaitsNotice(account, policies))) return 'validation_period';
  if (communicatingActions.includes(step.action.kind) && owesValidationNotice(account, policies) && !validationNoticeChannel(account))
    return 'validation_notice';
  return null;
}

/**
 * The day a deferred step may come due again: its own date once what held it back has ended, the day
 * after the holds placed end or the validation period ends, or null while the plan or dispute lasts, or
 * the validation notice has not gone (the event that ends it moves the account's wake day, which is
 * recomputed on every event).
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
      return latestOf([deferral.dueOn, ...holdsEnd]);
    }
    case 'validation_period':
      if (account.validationNotice) return latestOf([deferral.dueOn, addDays(account.validationNotice.periodEndsOn, 1)]);
      return account.restrictions.ceaseRequested ? deferral.dueOn : null;
    case 'validation_notice':
      return account.validationNotice || validationNoticeChannel(account) ? deferral.dueOn : null;
  }
}

/**
 * Whether an escalation is held for a notice not yet sent: not once the debtor asked that communication
 * cease (1006.6(c)), after which the scheduler starts no validation period for it to wait out.
 */
const awaitsNotice = (account: Blockers, policies: ContactPolicies): boolean => !account.restrictions.ceaseRequested && owesValidationNotice(account, policies);

const latestOf = (days: IsoDate[]): IsoDate => days.reduce((latest, day) => (day > latest ? day : latest));
