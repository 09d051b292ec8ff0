import { entryOf } from '../lookup/entry-of';
import { ruleBroken } from '../errors/domain-error';
import { addDays, isIsoDate, type IsoDate } from '../calendar/calendar';
import { outstanding, paidDays, type InvoiceState, type OpenedAccount } from '../account/account.state';
import type { ContactPolicies } from './contact-policy';
import { profileFor } from './creditor-profile';
import { statutesOfLimitations, type DebtType, type StateLimitations } from './limitations';

/** Whether the account holds a time-barred debt (12 CFR 1006.26(a)), since when, and under which state's law. */
export interface TimeBar {
  timeBarred: boolean;
  /** The first day an open debt of the account was time-barred; null while none is. */
  since: IsoDate | null;
  /** The state requires a disclosure that the debt is time-barred in what is sent (see `disclosure` in the table). */
  disclosureRequired: boolean;
  /** The state whose statute applies (ISO 3166-2, `US-NY`); null when neither the debtor's address nor the creditor's profile names one. */
  jurisdiction: string | null;
}

const usState = /^(?:US-)?([A-Z]{2})$/;

/**
 * The state whose statute of limitations applies: the debtor's, where their postal address is in the
 * US and names a state, else the creditor profile's `jurisdiction`. (Choice of law and borrowing
 * statutes can point elsewhere: a person decides those, the code takes the debtor's residence.)
 */
export function jurisdictionOf(account: OpenedAccount, policies: Pick<ContactPolicies, 'profiles'>): string | null {
  const { address } = account.debtor;
  const region = address?.country === 'US' ? usState.exec(address.region?.trim().toUpperCase() ?? '') : null;
  if (region) return `US-${region[1]}`;
  return profileFor(policies.profiles, account.creditorId).jurisdiction ?? null;
}

/** The same day `years` later; 29 February goes to the 28th, the earlier reading. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const same = `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
  return isIsoDate(same) ? same : same.replace(/-29$/, '-28');
}

/**
 * The day an invoice's debt becomes time-barred. The clock starts the day it is in default (the day
 * after its due date plus grace), and again on the day of a part payment made while the period runs,
 * where the state says a payment restarts it; a payment after the period does not revive the debt.
 * The period ends on the anniversary of the day the clock started: the earliest reading of its last
 * day, so no action is brought on a day a court could count as past it.
 */
export function timeBarredOn(invoice: InvoiceState, rule: StateLimitations, debtType: DebtType): IsoDate {
  const period = rule.years[debtType];
  let barredOn = addYears(addDays(invoice.dueOn, invoice.terms.graceDays + 1), period);
  for (const paidOn of rule.paymentRestarts ? paidDays(invoice) : []) {
    if (paidOn < barredOn) barredOn = laterOf(barredOn, addYears(paidOn, period));
  }
  return barredOn;
}

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/**
 * Whether the account holds a time-barred debt on `today`: one of its open invoices is past its
 * state's period for the account's debt type. One is enough — a legal action on the account would take
 * it in (1006.26(b)). A state the table lacks (a territory) gives no time bar: a person decides.
 */
export function timeBarOf(account: OpenedAccount, policies: Pick<ContactPolicies, 'profiles'>, today: IsoDate): TimeBar {
  const jurisdiction = jurisdictionOf(account, policies);
  const rule = jurisdiction ? entryOf(statutesOfLimitations, jurisdiction) : undefined;
  if (!rule) return { timeBarred: false, since: null, disclosureRequired: false, jurisdiction };
  const barred = Object.values(account.invoices)
    .filter((invoice) => outstanding(invoice) > 0)
    .map((invoice) => timeBarredOn(invoice, rule, account.debtType))
    .filter((day) => day <= today)
    .sort();
  const since = barred[0] ?? null;
  return { timeBarred: since !== null, since, disclosureRequired: since !== null && rule.disclosure !== undefined, jurisdiction };
}

/**
 * A debt collector must not bring or threaten to bring a legal action against a consumer to collect a
 * time-barred debt (12 CFR 1006.26(b)): escalating to legal review, or a notice naming a legal remedy.
 */
export function requireNotTimeBarred(account: OpenedAccount, policies: ContactPolicies, today: IsoDate): void {
  const { timeBarred, since, jurisdiction } = timeBarOf(account, policies, today);
  if (timeBarred) {
    throw ruleBroken('DEBT_TIME_BARRED', `The debt has been time-barred in ${jurisdiction} since ${since}: no legal action may be brought on it.`, {
      jurisdiction,
      since,
    });
  }
}
