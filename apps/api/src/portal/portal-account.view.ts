import {
  collectorOf,
  dateIn,
  daysPastDue,
  defaultPlanOfferPolicy,
  dueNow,
  entryOf,
  itemizationOf,
  openInvoicesOldestFirst,
  openPromise,
  outstanding,
  planOffers,
  profileFor,
  sharedEntryOf,
  totalOutstanding,
  type AccountEvent,
  type ContactPolicies,
} from '@arrears/domain';
import type { PortalAccount } from './portal-access';

/**
 * The account as its debtor sees it: what is owed and why, what was paid, what is agreed, what they
 * may accept (the plans the creditor's policy offers today, a supervisor's settlement offers still
 * open), and the validation information (12 CFR 1006.34). The same domain functions the deciders use
 * make the offers, so an offer shown is one the decider accepts.
 */
export function portalAccountView({ account, events }: PortalAccount, now: string, policies: ContactPolicies) {
  const today = dateIn(now, account.debtor.timeZone);
  const profile = profileFor(policies.profiles, account.creditorId);
  const collector = collectorOf(profile);
  const facts = events.map((event) => event as unknown as AccountEvent);
  const promise = openPromise(account);
  return {
    accountId: account.accountId,
    status: account.status,
    language: account.debtor.language ?? 'en',
    currency: account.currency ?? 'USD',
    creditor: { name: profile.creditor.name },
    collector: { name: collector.name, phone: collector.phone ?? null, email: collector.email ?? null, website: collector.website ?? null },
    balance: {
      total: totalOutstanding(account),
      overdue: openInvoicesOldestFirst(account)
        .filter((invoice) => daysPastDue(invoice.dueOn, today) > 0)
        .reduce((sum, invoice) => sum + outstanding(invoice), 0),
    },
    dueNow: dueNow(account),
    invoices: Object.values(account.invoices)
      .sort((a, b) => a.sequence - b.sequence)
      .map((invoice) => {
        const { invoiceId, issuedOn, dueOn, amount, lateFees, discounted, paid, adjusted } = invoice;
        return { invoiceId, issuedOn, dueOn, amount, lateFees, discounted, paid, adjusted, outstanding: outstanding(invoice) };
      }),
    payments: paymentsOf(account, facts),
    fees: facts.flatMap((event) =>
      event.type === 'LateFeeAssessed' ? [{ invoiceId: event.data.invoiceId, amount: event.data.amount, on: event.data.assessedOn }] : [],
    ),
    discounts: facts.flatMap((event) =>
      event.type === 'EarlyPaymentDiscountApplied' ? [{ invoiceId: event.data.invoiceId, amount: event.data.amount, percent: event.data.percent }] : [],
    ),
    promise: promise ? { promiseId: promise.promiseId, amount: promise.amount, dueOn: promise.dueOn } : null,
    plan: account.activePlan && {
      planId: account.activePlan.planId,
      installments: account.activePlan.installments.map(({ number, dueOn, amount, paid }) => ({ number, dueOn, amount, paid })),
    },
    settlement: account.activeSettlement && {
      settlementId: account.activeSettlement.settlementId,
      amount: account.activeSettlement.amount,
      paid: account.activeSettlement.paid,
      dueOn: account.activeSettlement.dueOn,
    },
    settlementOffers: Object.values(account.settlementOffers ?? {})
      .filter((offer) => offer.expiresOn >= today && !entryOf(account.settlementIds, offer.offerId))
      .map(({ offerId, amount, dueOn, expiresOn }) => ({ offerId, amount, dueOn, expiresOn })),
    planOffers: planOffers(account, profile.planOffers ?? defaultPlanOfferPolicy, today).map(({ installmentCount, installments }) => ({
      installmentCount,
      installments,
    })),
    disputes: Object.values(account.disputes).map(({ disputeId, invoiceId, status }) => ({ disputeId, invoiceId, status })),
    validation: account.validationNotice && { periodEndsOn: account.validationNotice.periodEndsOn, itemization: itemizationOf(account) },
    blockedChannels: account.restrictions.blockedChannels,
    preferredContactTime: contactTimeShown(account.interactions.preferredContactTime),
  };
}

export type PortalAccountView = ReturnType<typeof portalAccountView>;

/**
 * The payments received, each with what was taken back of it since (a refund, a chargeback), as the account keeps
 * it: a statement that listed a payment charged back as made would misstate what the debtor paid (12 CFR
 * 1006.18(b)(2)(i)).
 */
function paymentsOf(account: PortalAccount['account'], facts: AccountEvent[]) {
  return facts.flatMap((event) => {
    if (event.type !== 'PaymentReceived') return [];
    const { paymentId, amount, receivedOn, method } = event.data;
    return [{ paymentId, amount, receivedOn, method, reversed: sharedEntryOf(account.payments, paymentId)?.reversed ?? 0 }];
  });
}

/** The span the debtor stated, as they stated it (not when). */
const contactTimeShown = (stated: { from: string; to: string } | null) => stated && { from: stated.from, to: stated.to };
