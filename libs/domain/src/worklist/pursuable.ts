import type { IsoDate } from '../calendar/calendar';
import type { StepSkipReason } from '../account/account.events';
import { activeHolds, type OpenedAccount } from '../account/account.state';
import { pauseOf, pauseOfContact } from '../disputes/collection-pause';

/** What a pause in pursuing the debtor reads of an account. */
export type PursuitSubject = Pick<OpenedAccount, 'restrictions' | 'disputes' | 'creditorRequests' | 'invoices' | 'holds' | 'agency' | 'legal'>;

/** Why the debtor may not be pursued (named as the collection timeline names why a step waits or is skipped). */
export type PursuitPause = Extract<StepSkipReason, 'dispute' | 'original_creditor_request' | 'hold' | 'in_legal' | 'with_agency' | 'cease'>;

/**
 * Why the debtor may not be pursued on `today` (the debtor's date), the most lasting reason first, or
 * null when agents and the collection timeline may go on (the contact rules still decide when). With
 * an invoice, only a dispute or request of that invoice or of the whole account pauses it; without,
 * the account is paused only when nothing owed is left that no dispute or request pauses.
 *   dispute      collection stops until a dispute is resolved (12 CFR 1006.38(d)(2))
 *   original_creditor_request  until the original creditor's name and address are sent (1006.38(c))
 *   hold         a hold in force (hardship, bereavement…) until its last day
 *   in_legal     the account is with legal review
 *   with_agency  the account is placed with a collection agency, which pursues it instead
 *   cease        the debtor asked that communication cease (12 CFR 1006.6(c))
 */
export function pursuitPause(account: PursuitSubject, today: IsoDate, invoiceId?: string): PursuitPause | null {
  const pause = invoiceId === undefined ? pauseOfContact(account) : pauseOf(account, invoiceId);
  if (pause) return pause.reason;
  if (activeHolds(account, today).length) return 'hold';
  if (account.legal) return 'in_legal';
  if (account.agency) return 'with_agency';
  if (account.restrictions.ceaseRequested) return 'cease';
  return null;
}

/** Whether agents may work the account on `today` at all. */
export const pursuable = (account: PursuitSubject, today: IsoDate): boolean => pursuitPause(account, today) === null;
