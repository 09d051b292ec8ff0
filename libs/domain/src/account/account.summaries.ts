import { portalSummaries } from '../portal/portal.summaries';
import { creditSummaries } from '../credit/credit.summaries';
import { accountsSummaries } from '../accounts/accounts.summaries';
import { billingSummaries } from '../billing/billing.summaries';
import { paymentsSummaries } from '../payments/payments.summaries';
import { plansSummaries } from '../plans/plans.summaries';
import { promisesSummaries } from '../promises/promises.summaries';
import { disputesSummaries } from '../disputes/disputes.summaries';
import { restrictionsSummaries } from '../restrictions/restrictions.summaries';
import { interactionsSummaries } from '../interactions/interactions.summaries';
import { resolutionsSummaries } from '../resolutions/resolutions.summaries';
import { worklistSummaries } from '../worklist/worklist.summaries';
import { timelineSummaries } from '../timeline/timeline.summaries';
import { noticesSummaries } from '../notices/notices.summaries';
import type { AccountEvent } from './account.events';
import { unhandled, type Summaries } from './capability';

type Summary = (event: AccountEvent) => string;

/** Each event type, summarized by the capability that declares it. */
const summaries: Summaries<AccountEvent> = {
  ...accountsSummaries,
  ...billingSummaries,
  ...paymentsSummaries,
  ...plansSummaries,
  ...promisesSummaries,
  ...disputesSummaries,
  ...restrictionsSummaries,
  ...interactionsSummaries,
  ...resolutionsSummaries,
  ...worklistSummaries,
  ...timelineSummaries,
  ...noticesSummaries,
  ...portalSummaries,
  ...creditSummaries,
};
const summaryFor = new Map(Object.entries(summaries) as [AccountEvent['type'], Summary][]);

/** One line a person can read for each fact: what happened, to what, for how much. */
export function summarize(event: AccountEvent): string {
  const summary = summaryFor.get(event.type);
  return summary ? summary(event) : unhandled(event);
}
