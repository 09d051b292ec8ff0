import type { BehaviourFeature } from './behaviour-features';

/** Each feature in the users' words, for the worklist line and the console (docs/risk.md). */
export const behaviourFeatureLabels: Record<BehaviourFeature, string> = {
  overdueAmount: 'Amount overdue',
  daysPastDue: 'Days past due',
  daysBeyondTerms: 'Days paid late, on average',
  daysBeyondTermsTrend: 'Lateness of recent payments against the average',
  paidOnTimeShare: 'Invoices paid on time',
  partialPaymentShare: 'Open invoices partly paid',
  promisesKeptShare: 'Promises to pay kept',
  promisesBroken: 'Promises to pay broken',
  plansBroken: 'Payment plans broken',
  callsAnsweredShare: 'Calls that reached the debtor',
  bureauScore: 'Credit bureau score',
  hasBureauScore: 'Has a credit report',
};
