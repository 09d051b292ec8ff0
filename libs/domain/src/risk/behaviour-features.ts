import { daysBetween, type IsoDate } from '../calendar/calendar';
import { daysPastDue } from '../aging/aging';
import { openInvoicesOldestFirst, outstanding, paidDays, type InvoiceState, type OpenedAccount } from '../account/account.state';

/**
 * What the behaviour score reads of an account, each a number so that a linear model weighs it and
 * its contribution to an account's score is exact (docs/risk.md). Read on `today`, the debtor's date.
 */
export const behaviourFeatureNames = [
  'overdueAmount',
  'daysPastDue',
  'daysBeyondTerms',
  'daysBeyondTermsTrend',
  'paidOnTimeShare',
  'partialPaymentShare',
  'promisesKeptShare',
  'promisesBroken',
  'plansBroken',
  'callsAnsweredShare',
  'bureauScore',
  'hasBureauScore',
] as const;
export type BehaviourFeature = (typeof behaviourFeatureNames)[number];
export type BehaviourFeatures = Record<BehaviourFeature, number>;

/** The invoices settled so far (nothing left to pay) with the day their last payment came in. */
function settledInvoices(account: OpenedAccount): { invoice: InvoiceState; paidOn: IsoDate }[] {
  return Object.values(account.invoices).flatMap((invoice) => {
    const days = paidDays(invoice);
    const last = days[days.length - 1];
    return outstanding(invoice) <= 0 && invoice.paid > 0 && last ? [{ invoice, paidOn: last }] : [];
  });
}

/** Average days paid after the due date (0 for on time or early), over `settled`. */
const averageDaysBeyondTerms = (settled: { invoice: InvoiceState; paidOn: IsoDate }[]): number =>
  settled.length ? settled.reduce((sum, { invoice, paidOn }) => sum + Math.max(0, daysBetween(invoice.dueOn, paidOn)), 0) / settled.length : 0;

/** A share with one success and one failure assumed beforehand, so that an account with no history reads ½. */
const smoothedShare = (successes: number, trials: number): number => (successes + 1) / (trials + 2);

const recentSettled = 3;

/** The open invoices past their due date on `today`, oldest first. */
const overdueInvoices = (account: OpenedAccount, today: IsoDate) => openInvoicesOldestFirst(account).filter((invoice) => invoice.dueOn < today);

/** What is past due on `today`, in minor units: the balance the score's target is a share of. */
export const overdueBalance = (account: OpenedAccount, today: IsoDate): number =>
  overdueInvoices(account, today).reduce((sum, invoice) => sum + outstanding(invoice), 0);

export function behaviourFeatures(account: OpenedAccount, today: IsoDate): BehaviourFeatures {
  const open = openInvoicesOldestFirst(account);
  const overdue = overdueInvoices(account, today);
  const settled = settledInvoices(account).sort((a, b) => a.paidOn.localeCompare(b.paidOn));
  const beyondTerms = averageDaysBeyondTerms(settled);
  const promises = Object.values(account.promises);
  const report = account.latestCreditReport;
  return {
    overdueAmount: Math.log10(1 + overdueBalance(account, today) / 100),
    daysPastDue: Math.log1p(overdue[0] ? daysPastDue(overdue[0].dueOn, today) : 0),
    daysBeyondTerms: Math.log1p(beyondTerms),
    daysBeyondTermsTrend: Math.log1p(averageDaysBeyondTerms(settled.slice(-recentSettled))) - Math.log1p(beyondTerms),
    paidOnTimeShare: smoothedShare(settled.filter(({ invoice, paidOn }) => paidOn <= invoice.dueOn).length, settled.length),
    partialPaymentShare: smoothedShare(open.filter((invoice) => invoice.paid > 0).length, open.length),
    promisesKeptShare: smoothedShare(
      promises.filter((promise) => promise.status === 'kept').length,
      promises.filter((promise) => promise.status !== 'open').length,
    ),
    promisesBroken: promises.filter((promise) => promise.status === 'broken').length,
    // Broken, not merely ended: a plan completed is the best a plan can go.
    plansBroken: account.plansBroken ?? 0,
    callsAnsweredShare: smoothedShare(account.interactions.callsAnswered ?? 0, account.interactions.callsMade ?? 0),
    bureauScore: report ? (report.score - report.scaleMin) / (report.scaleMax - report.scaleMin) : 0,
    hasBureauScore: report ? 1 : 0,
  };
}
