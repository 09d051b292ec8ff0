import { entryOf } from '../lookup/entry-of';
import { isIsoDate, type IsoDate } from '../calendar/calendar';
import { conflict, notFound, ruleBroken } from '../errors/domain-error';
import { requireInvoice, requireOpen, todayFor } from '../account/account.guards';
import { openInvoicesOldestFirst, outstanding, spreadOver, totalOutstanding, type AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import { policyFor } from '../compliance/contact-policy';
import { blockedChannelRule, ceaseRule, convenientTimeRules, requireContactAllowed } from '../compliance/contact-rules';
import { profileFor } from '../compliance/creditor-profile';
import { noticeSent } from '../notices/notices.decide';
import type { NoticeSent } from '../notices/notices.events';
import type { ProvideOriginalCreditor, RaiseDispute, RequestOriginalCreditor, ResolveDispute, DisputesCommand } from './disputes.commands';
import type { DisputeRaised, DisputeResolved, DisputeVerification, OriginalCreditorProvided, OriginalCreditorRequested } from './disputes.events';

/**
 * The debtor disputes one invoice or the whole account. Collection of what is disputed pauses until
 * the dispute is resolved, and only of that (1006.38(d)(2)). A dispute received after the validation
 * period is recorded all the same, and pauses collection unless the creditor's policy only records it
 * (1006.38(d)(2) binds collectors to pause for disputes within the period; after it, pausing is the
 * creditor's choice, `disputesAfterValidationPeriod`). Before any validation notice, no period has ended.
 */
export function raiseDispute(command: RaiseDispute, state: AccountState): [DisputeRaised] {
  const account = requireOpen(state);
  const { disputeId, invoiceId, reason, attachmentRef, policies } = command.data;
  if (entryOf(account.disputes, disputeId)) throw conflict('DISPUTE_ALREADY_RAISED', `Dispute ${disputeId} already exists on this account.`, { id: disputeId });
  const amount = invoiceId ? outstanding(requireInvoice(account, invoiceId)) : totalOutstanding(account);
  if (amount <= 0)
    throw ruleBroken('NOTHING_TO_DISPUTE', invoiceId ? `Invoice ${invoiceId} is paid.` : 'The account owes nothing.', { invoiceId: invoiceId ?? null });
  const raisedOn = todayFor(account, command.now);
  const periodEndsOn = account.validationNotice?.periodEndsOn;
  const timely = periodEndsOn === undefined || raisedOn <= periodEndsOn;
  const pausesCollection = timely || profileFor(policies.profiles, account.creditorId).disputesAfterValidationPeriod !== 'record_only';
  return [
    {
      type: 'DisputeRaised',
      data: {
        disputeId,
        invoiceId: invoiceId ?? null,
        // Once the debtor's personal data is erased the dispute stands, but not what it says of them (see sealedDisputeFields).
        ...(!account.debtor.personalDataErased && { reason, ...(attachmentRef && { attachmentRef }) }),
        amount,
        currency: account.currency ?? '',
        raisedOn,
        timely,
        pausesCollection,
      },
    },
  ];
}

/**
 * Upheld: what was disputed and is still owed is adjusted off. Rejected: collection resumes, and for a dispute
 * that paused it, only once the verification of the debt (or a copy of a judgment) has gone to the debtor,
 * which the rejection records (12 CFR 1006.38(d)(2)(i)).
 */
export function resolveDispute(command: ResolveDispute, state: AccountState): [DisputeResolved] {
  const account = requireOpen(state);
  const { disputeId, outcome, verification } = command.data;
  const dispute = entryOf(account.disputes, disputeId);
  if (!dispute) throw notFound('DISPUTE_NOT_FOUND', `Dispute ${disputeId} does not exist on this account.`, { disputeId });
  if (dispute.status !== 'open') throw conflict('DISPUTE_ALREADY_RESOLVED', `Dispute ${disputeId} was ${dispute.status}.`, { status: dispute.status });
  const disputed = openInvoicesOldestFirst(account).filter((invoice) => dispute.invoiceId === null || invoice.invoiceId === dispute.invoiceId);
  if (outcome === 'upheld') return [{ type: 'DisputeResolved', data: { disputeId, outcome, adjustments: spreadOver(disputed, dispute.amount) } }];
  if (dispute.pausesCollection) requireVerificationSent(verification, dispute.raisedOn, todayFor(account, command.now));
  return [{ type: 'DisputeResolved', data: { disputeId, outcome, adjustments: [], ...(verification && { verification }) } }];
}

/** A verification answers the dispute: sent on a day from the dispute's own through the debtor's today. */
function requireVerificationSent(verification: DisputeVerification | undefined, raisedOn: IsoDate, today: IsoDate): void {
  if (!verification) {
    throw ruleBroken(
      'VERIFICATION_REQUIRED',
      'Collection of a disputed debt resumes only once its verification (or a copy of a judgment) has been sent to the debtor: say by which channel and on which day (12 CFR 1006.38(d)(2)(i)).',
      { field: 'verification' },
    );
  }
  if (!isIsoDate(verification.sentOn) || verification.sentOn > today || verification.sentOn < raisedOn) {
    throw ruleBroken('INVALID_DATE', `verification.sentOn must be a date from the dispute's (${raisedOn}) through the debtor's today (${today}).`, {
      field: 'verification.sentOn',
      raisedOn,
      today,
    });
  }
}

/** A request for the original creditor's name and address pauses collection of the debt until answered (1006.38(c)). */
export function requestOriginalCreditor(command: RequestOriginalCreditor, state: AccountState): [OriginalCreditorRequested] {
  const account = requireOpen(state);
  const { requestId, invoiceId } = command.data;
  if (entryOf(account.creditorRequests, requestId))
    throw conflict('REQUEST_ALREADY_RECORDED', `Request ${requestId} already exists on this account.`, { id: requestId });
  if (invoiceId) requireInvoice(account, invoiceId);
  return [{ type: 'OriginalCreditorRequested', data: { requestId, invoiceId: invoiceId ?? null, requestedOn: todayFor(account, command.now) } }];
}

/**
 * Answers a request: the original creditor's name and address are recorded and queued to the debtor
 * in writing, and collection of the debt resumes. The answer is a communication: it goes by a channel
 * the debtor has not blocked, within contact hours, and not after a cease request (1006.6(c) allows
 * only its three notices; the request then stays open and the debt uncollected).
 */
export function provideOriginalCreditor(command: ProvideOriginalCreditor, state: AccountState): [OriginalCreditorProvided, NoticeSent] {
  const account = requireOpen(state);
  const { requestId, name, address, channel, policies } = command.data;
  const request = entryOf(account.creditorRequests, requestId);
  if (!request) throw notFound('REQUEST_NOT_FOUND', `Request ${requestId} does not exist on this account.`, { requestId });
  if (request.status !== 'open') throw conflict('REQUEST_ALREADY_ANSWERED', `Request ${requestId} was answered.`, { requestId });
  if (!name.trim()) throw ruleBroken('EMPTY_NAME', 'The original creditor needs a name.', { field: 'name' });
  requireContactAllowed(account, { channel, at: command.now }, policyFor(policies, account.creditorId), [
    ceaseRule,
    blockedChannelRule,
    ...convenientTimeRules,
  ]);
  const invoice = request.invoiceId ? { invoiceId: request.invoiceId } : {};
  return [
    { type: 'OriginalCreditorProvided', data: { requestId, originalCreditor: { name: name.trim(), address }, providedOn: todayFor(account, command.now) } },
    noticeSent(account, { purpose: 'original_creditor', channel, template: 'original-creditor', ...invoice }, command.now, policies, {
      originalCreditor: { name: name.trim(), address },
    }),
  ];
}

export const disputesDecisions: Decisions<DisputesCommand> = {
  RaiseDispute: raiseDispute,
  ResolveDispute: resolveDispute,
  RequestOriginalCreditor: requestOriginalCreditor,
  ProvideOriginalCreditor: provideOriginalCreditor,
};
