import { formatMoney, type AccountEvent, type WorkflowEvent } from '@arrears/domain';

/** One line a person can read for each fact: what happened, to what, for how much. */
export function summarize(event: AccountEvent): string {
  switch (event.type) {
    case 'AccountOpened':
      return `Account opened for creditor ${event.data.creditorId}, debtor ${event.data.debtor.reference}.`;
    case 'InvoiceIssued':
      return `Invoice ${event.data.invoiceId} issued for ${money(event.data)} on ${event.data.issuedOn}, due ${event.data.dueOn}.`;
    case 'CreditApplied':
      return `Credit of ${money(event.data)} applied to invoice ${event.data.invoiceId}.`;
    case 'PaymentReceived':
      return `Payment ${event.data.paymentId} of ${money(event.data)} received on ${event.data.receivedOn} by ${event.data.method}${
        event.data.credited ? `, ${formatMoney(event.data.credited, event.data.currency)} kept as credit` : ''
      }.`;
    case 'EarlyPaymentDiscountApplied':
      return `Early-payment discount of ${money(event.data)} (${event.data.percent}%) applied to invoice ${event.data.invoiceId}.`;
    case 'PaymentMissed':
      return `Payment missed on invoice ${event.data.invoiceId}: ${formatMoney(event.data.overdueAmount, event.data.currency)} overdue since ${event.data.dueOn}.`;
    case 'LateFeeAssessed':
      return `Late fee of ${money(event.data)} assessed on invoice ${event.data.invoiceId}.`;
    case 'PlanAgreed': {
      const total = event.data.installments.reduce((sum, installment) => sum + installment.amount, 0);
      return `Plan ${event.data.planId} agreed: ${event.data.installments.length} installments totalling ${formatMoney(total, event.data.currency)}.`;
    }
    case 'InstallmentPaid':
      return `Installment ${event.data.installment} of plan ${event.data.planId} paid by payment ${event.data.paymentId}.`;
    case 'PlanCompleted':
      return `Plan ${event.data.planId} completed.`;
    case 'AccountClosed':
      return `Account closed on ${event.data.closedOn}${event.data.reason ? ` (${event.data.reason})` : ''}.`;
    case 'AccountClaimed':
      return `Claimed by agent ${event.data.agentId} until ${event.data.until}.`;
    case 'AccountClaimReleased':
      return `Claim released by agent ${event.data.agentId}.`;
    case 'PersonalDataErased':
      return `The personal data of debtor ${event.data.debtorReference} was erased on ${event.data.erasedOn}.`;
    default:
      return summarizeWorkflow(event);
  }
}

function summarizeWorkflow(event: WorkflowEvent): string {
  switch (event.type) {
    case 'ContactAttempted':
      return `${event.data.direction === 'outbound' ? 'Outbound' : 'Inbound'} ${event.data.channel} at ${event.data.at}: ${event.data.outcome.replace(/_/g, ' ')}.`;
    case 'NoteAdded':
      return `Note added (${event.data.text.length} characters).`;
    case 'AccountAssigned':
      return `Assigned to agent ${event.data.agentId}.`;
    case 'ValidationNoticeSent':
      return `Validation notice sent by ${event.data.channel}; the validation period ends ${event.data.periodEndsOn}.`;
    case 'PromiseToPayMade':
      return `Promise ${event.data.promiseId} to pay ${money(event.data)} by ${event.data.dueOn} (grace ${event.data.graceDays} days).`;
    case 'PromiseKept':
      return `Promise ${event.data.promiseId} kept (${units(event.data.paid)} paid).`;
    case 'PromiseBroken':
      return `Promise ${event.data.promiseId} broken: ${units(event.data.paid)} of ${units(event.data.amount)} paid.`;
    case 'InstallmentMissed':
      return `Installment ${event.data.installment} of plan ${event.data.planId}, due ${event.data.dueOn}, missed: ${units(event.data.unpaid)} unpaid.`;
    case 'PlanBroken':
      return `Plan ${event.data.planId} broken after ${event.data.missedInstallments} missed installments; ${units(event.data.remaining)} back in collection.`;
    case 'DeadlineExtended':
      return `Installment ${event.data.installment} of plan ${event.data.planId} moved from ${event.data.previousDueOn} to ${event.data.dueOn}.`;
    case 'DisputeRaised':
      return `Dispute ${event.data.disputeId} raised on ${event.data.invoiceId ? `invoice ${event.data.invoiceId}` : 'the account'} for ${money(event.data)}: ${event.data.reason}.`;
    case 'DisputeResolved':
      return `Dispute ${event.data.disputeId} ${event.data.outcome}${event.data.outcome === 'upheld' ? `; ${units(sum(event.data.adjustments))} adjusted off` : '; collection resumes'}.`;
    case 'CeaseCommunicationRequested':
      return `The debtor asked that communication cease (${event.data.requestedOn}).`;
    case 'ChannelBlocked':
      return `The debtor blocked ${event.data.channel}.`;
    case 'ChannelUnblocked':
      return `The debtor unblocked ${event.data.channel}.`;
    case 'HardshipFlagged':
      return 'Flagged for hardship.';
    case 'HoldPlaced':
      return `Hold ${event.data.holdId} placed through ${event.data.until}: ${event.data.reason}.`;
    case 'HoldReleased':
      return `Hold ${event.data.holdId} ${event.data.reason}.`;
    case 'SettlementAgreed':
      return `Settlement ${event.data.settlementId}: ${money(event.data)} by ${event.data.dueOn} settles ${formatMoney(event.data.settles, event.data.currency)}.`;
    case 'SettlementCompleted':
      return `Settlement ${event.data.settlementId} completed by payment ${event.data.paymentId}; ${units(sum(event.data.writtenOff))} written off.`;
    case 'SettlementLapsed':
      return `Settlement ${event.data.settlementId} lapsed with ${units(event.data.paid)} paid.`;
    case 'DebtWrittenOff':
      return `${units(sum(event.data.allocations))} written off: ${event.data.reason}.`;
    case 'PlacedWithAgency':
      return `Placed with agency ${event.data.agencyId} on ${event.data.placedOn} for ${units(event.data.balance)}.`;
    case 'RecalledFromAgency':
      return `Recalled from agency ${event.data.agencyId}.`;
    case 'EscalatedToLegal':
      return `Escalated to legal review on ${event.data.escalatedOn}${event.data.reason ? ` (${event.data.reason})` : ''}.`;
    case 'CollectionTimelineStarted':
      return `Invoice ${event.data.invoiceId} follows strategy ${event.data.strategyId} (${event.data.arm}); ${nextStep(event.data.nextStepOn)}`;
    case 'CollectionStepTaken':
      return `Timeline step ${event.data.step} taken for invoice ${event.data.invoiceId}; ${nextStep(event.data.nextStepOn)}`;
    case 'CollectionStepSkipped':
      return `Timeline step ${event.data.step} skipped for invoice ${event.data.invoiceId} (${event.data.reason.replace(/_/g, ' ')}); ${nextStep(event.data.nextStepOn)}`;
    case 'ReminderSent':
      return `Reminder ${event.data.template} queued by ${event.data.channel} for invoice ${event.data.invoiceId} (${money(event.data)} due ${event.data.dueOn}).`;
  }
}

const nextStep = (on: string | null) => (on ? `next step on ${on}.` : 'no further steps.');
const sum = (allocations: { amount: number }[]) => allocations.reduce((total, allocation) => total + allocation.amount, 0);
/** Amounts of events that do not carry their currency: the account's, in minor units. */
const units = (amount: number) => `${amount.toLocaleString('en-US')} minor units`;

const money = (data: { amount: number; currency: string }) => formatMoney(data.amount, data.currency);
