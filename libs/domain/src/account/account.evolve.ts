import { entryOf, withEntry } from '../lookup/entry-of';
import type { ContactAttempted } from '../interactions/interactions.events';
import { erasedDebtor, type AccountEvent, type WorkflowEvent } from './account.events';
import type { Allocation } from './allocation';
import { addDays } from '../calendar/calendar';
import { recentCallsKept, type AccountState, type InvoiceState, type InvoiceTimeline, type OpenedAccount } from './account.state';

/** Folds one event into the state. Exhaustive: a new event type that is not handled fails to compile. */
export function evolve(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountOpened') {
    const { accountId, creditorId, debtor } = event.data;
    return {
      status: 'open',
      accountId,
      creditorId,
      debtor,
      currency: null,
      invoices: {},
      paymentIds: {},
      planIds: {},
      activePlan: null,
      credit: 0,
      claim: null,
      assignedAgentId: null,
      interactions: { recentCalls: [], lastConversationAt: null, firstCommunicationAt: null, lastContact: null },
      promises: {},
      disputes: {},
      holds: {},
      restrictions: { ceaseRequested: false, blockedChannels: [], hardship: false },
      validationNotice: null,
      settlementIds: {},
      activeSettlement: null,
      agency: null,
      legal: null,
    };
  }
  if (state.status === 'unopened') return state;
  return evolveOpened(state, event);
}

function evolveOpened(account: OpenedAccount, event: Exclude<AccountEvent, { type: 'AccountOpened' }>): OpenedAccount {
  switch (event.type) {
    case 'InvoiceIssued': {
      const { invoiceId, amount, currency, issuedOn, dueOn, terms } = event.data;
      const invoice: InvoiceState = {
        invoiceId,
        amount,
        currency,
        issuedOn,
        dueOn,
        terms,
        sequence: Object.keys(account.invoices).length,
        paid: 0,
        discounted: 0,
        lateFees: 0,
        lateFeeAssessed: false,
        missed: false,
        adjusted: 0,
        timeline: null,
      };
      return { ...account, currency, invoices: { ...account.invoices, [invoiceId]: invoice } };
    }
    case 'CreditApplied':
      return {
        ...updateInvoice(account, event.data.invoiceId, (i) => ({ ...i, paid: i.paid + event.data.amount })),
        credit: account.credit - event.data.amount,
      };
    case 'PaymentReceived': {
      const { paymentId, amount, currency, receivedOn, allocations, installmentAllocations, credited } = event.data;
      let next: OpenedAccount = {
        ...account,
        currency,
        paymentIds: { ...account.paymentIds, [paymentId]: true },
        credit: account.credit + credited,
        promises: promisesPaid(account, amount, receivedOn),
        activeSettlement: account.activeSettlement && { ...account.activeSettlement, paid: account.activeSettlement.paid + amount },
      };
      for (const { invoiceId, amount } of allocations) {
        next = updateInvoice(next, invoiceId, (i) => ({ ...i, paid: i.paid + amount }));
      }
      if (next.activePlan && installmentAllocations.length > 0) {
        const installments = next.activePlan.installments.map((installment) => {
          const paid = installmentAllocations.find((a) => a.installment === installment.number)?.amount ?? 0;
          return { ...installment, paid: installment.paid + paid };
        });
        next = { ...next, activePlan: { ...next.activePlan, installments } };
      }
      return next;
    }
    case 'EarlyPaymentDiscountApplied':
      return updateInvoice(account, event.data.invoiceId, (i) => ({ ...i, discounted: i.discounted + event.data.amount }));
    case 'PaymentMissed':
      return updateInvoice(account, event.data.invoiceId, (i) => ({ ...i, missed: true }));
    case 'LateFeeAssessed':
      return updateInvoice(account, event.data.invoiceId, (i) => ({
        ...i,
        lateFees: i.lateFees + event.data.amount,
        lateFeeAssessed: true,
      }));
    case 'PlanAgreed': {
      const { planId, installments, covers } = event.data;
      return {
        ...account,
        planIds: { ...account.planIds, [planId]: true },
        activePlan: {
          planId,
          installments: installments.map((installment) => ({ ...installment, paid: 0, missed: false })),
          coveredInvoiceIds: covers.map((c) => c.invoiceId),
        },
      };
    }
    case 'InstallmentPaid':
      return account;
    case 'PlanCompleted':
      return { ...account, activePlan: null };
    case 'AccountClosed':
      return { ...account, status: 'closed', claim: null };
    case 'PersonalDataErased':
      return { ...account, debtor: erasedDebtor(account.debtor) };
    case 'AccountClaimed':
      return { ...account, claim: { agentId: event.data.agentId, until: event.data.until } };
    case 'AccountClaimReleased':
      return { ...account, claim: null };
    default:
      return evolveWorkflow(account, event);
  }
}

/** The collections workflow: interactions, arrangements, disputes, restrictions and resolutions. */
function evolveWorkflow(account: OpenedAccount, event: WorkflowEvent): OpenedAccount {
  switch (event.type) {
    case 'ContactAttempted':
      return { ...account, interactions: withContact(account, event.data) };
    case 'NoteAdded':
      return account;
    case 'AccountAssigned':
      return { ...account, assignedAgentId: event.data.agentId };
    case 'PromiseToPayMade': {
      const { promiseId, amount, dueOn, graceDays, madeOn } = event.data;
      return { ...account, promises: { ...account.promises, [promiseId]: { promiseId, amount, dueOn, graceDays, madeOn, paid: 0, status: 'open' } } };
    }
    case 'PromiseKept':
    case 'PromiseBroken': {
      const promise = entryOf(account.promises, event.data.promiseId);
      if (!promise) return account;
      const status = event.type === 'PromiseKept' ? 'kept' : 'broken';
      return { ...account, promises: { ...account.promises, [promise.promiseId]: { ...promise, status } } };
    }
    case 'InstallmentMissed':
    case 'DeadlineExtended': {
      const plan = account.activePlan;
      if (!plan) return account;
      const installments = plan.installments.map((installment) => {
        if (installment.number !== event.data.installment) return installment;
        return event.type === 'InstallmentMissed' ? { ...installment, missed: true } : { ...installment, dueOn: event.data.dueOn, missed: false };
      });
      return { ...account, activePlan: { ...plan, installments } };
    }
    case 'PlanBroken':
      return { ...account, activePlan: null };
    case 'DisputeRaised': {
      const { disputeId, invoiceId, amount } = event.data;
      return { ...account, disputes: { ...account.disputes, [disputeId]: { disputeId, invoiceId, amount, status: 'open' } } };
    }
    case 'DisputeResolved': {
      const dispute = entryOf(account.disputes, event.data.disputeId);
      if (!dispute) return account;
      const disputes = { ...account.disputes, [dispute.disputeId]: { ...dispute, status: event.data.outcome } };
      return adjust({ ...account, disputes }, event.data.adjustments);
    }
    case 'CeaseCommunicationRequested':
      return { ...account, restrictions: { ...account.restrictions, ceaseRequested: true } };
    case 'ChannelBlocked':
      return { ...account, restrictions: { ...account.restrictions, blockedChannels: [...account.restrictions.blockedChannels, event.data.channel] } };
    case 'ChannelUnblocked':
      return {
        ...account,
        restrictions: { ...account.restrictions, blockedChannels: account.restrictions.blockedChannels.filter((channel) => channel !== event.data.channel) },
      };
    case 'HardshipFlagged':
      return { ...account, restrictions: { ...account.restrictions, hardship: true } };
    case 'HoldPlaced': {
      const { holdId, reason, until } = event.data;
      return { ...account, holds: { ...account.holds, [holdId]: { holdId, reason, until, active: true } } };
    }
    case 'HoldReleased': {
      const hold = entryOf(account.holds, event.data.holdId);
      return hold ? { ...account, holds: { ...account.holds, [hold.holdId]: { ...hold, active: false } } } : account;
    }
    case 'SettlementAgreed': {
      const { settlementId, amount, dueOn, settles } = event.data;
      return {
        ...account,
        settlementIds: { ...account.settlementIds, [settlementId]: true },
        activeSettlement: { settlementId, amount, dueOn, settles, paid: 0 },
      };
    }
    case 'SettlementCompleted':
      return { ...adjust(account, event.data.writtenOff), activeSettlement: null };
    case 'SettlementLapsed':
      return { ...account, activeSettlement: null };
    case 'DebtWrittenOff':
      return adjust(account, event.data.allocations);
    case 'PlacedWithAgency':
      return { ...account, agency: { agencyId: event.data.agencyId, placedOn: event.data.placedOn } };
    case 'RecalledFromAgency':
      return { ...account, agency: null };
    case 'EscalatedToLegal':
      return { ...account, legal: { escalatedOn: event.data.escalatedOn } };
    case 'ValidationNoticeSent': {
      const { sentAt, periodEndsOn } = event.data;
      const interactions = { ...account.interactions, firstCommunicationAt: account.interactions.firstCommunicationAt ?? sentAt };
      return { ...account, interactions, validationNotice: { sentAt, periodEndsOn } };
    }
    case 'CollectionTimelineStarted': {
      const { invoiceId, strategyId, arm, nextStepOn } = event.data;
      return withTimeline(account, invoiceId, () => ({ strategyId, arm, steps: {}, nextStepOn }));
    }
    case 'CollectionStepTaken':
    case 'CollectionStepSkipped': {
      const { invoiceId, step, nextStepOn } = event.data;
      const outcome = event.type === 'CollectionStepTaken' ? 'taken' : 'skipped';
      return withTimeline(account, invoiceId, (timeline) => timeline && { ...timeline, steps: { ...timeline.steps, [step]: outcome }, nextStepOn });
    }
    case 'ReminderSent': {
      const first = account.interactions.firstCommunicationAt ?? event.data.sentAt;
      return { ...account, interactions: { ...account.interactions, firstCommunicationAt: first } };
    }
    default:
      return assertNever(event);
  }
}

function withTimeline(account: OpenedAccount, invoiceId: string, change: (timeline: InvoiceTimeline | null) => InvoiceTimeline | null): OpenedAccount {
  const invoice = entryOf(account.invoices, invoiceId);
  return invoice ? { ...account, invoices: { ...account.invoices, [invoiceId]: { ...invoice, timeline: change(invoice.timeline) } } } : account;
}

function withContact(account: OpenedAccount, contact: ContactAttempted['data']) {
  const { channel, direction, outcome, at } = contact;
  const previous = account.interactions;
  const outbound = direction === 'outbound';
  const isCall = channel === 'call';
  const conversation = isCall && outcome === 'right_party_contact';
  const later = (a: string | null, b: string) => (a && Date.parse(a) > Date.parse(b) ? a : b);
  const earlier = (a: string | null, b: string) => (a && Date.parse(a) < Date.parse(b) ? a : b);
  return {
    recentCalls: outbound && isCall ? [...previous.recentCalls, at].sort((a, b) => Date.parse(a) - Date.parse(b)).slice(-recentCallsKept) : previous.recentCalls,
    lastConversationAt: conversation ? later(previous.lastConversationAt, at) : previous.lastConversationAt,
    firstCommunicationAt: outbound || conversation ? earlier(previous.firstCommunicationAt, at) : previous.firstCommunicationAt,
    lastContact: previous.lastContact && Date.parse(previous.lastContact.at) > Date.parse(at) ? previous.lastContact : { at, channel, outcome },
  };
}

/** Payments count towards an open promise from the day it was made to its due date plus grace. */
function promisesPaid(account: OpenedAccount, amount: number, receivedOn: string): OpenedAccount['promises'] {
  let promises = account.promises;
  for (const promise of Object.values(account.promises)) {
    if (promise.status === 'open' && receivedOn >= promise.madeOn && receivedOn <= addDays(promise.dueOn, promise.graceDays)) {
      promises = withEntry(promises, promise.promiseId, { ...promise, paid: promise.paid + amount });
    }
  }
  return promises;
}

/** Takes balances off invoices without payment. */
function adjust(account: OpenedAccount, allocations: Allocation[]): OpenedAccount {
  return allocations.reduce((next, { invoiceId, amount }) => updateInvoice(next, invoiceId, (i) => ({ ...i, adjusted: i.adjusted + amount })), account);
}

function updateInvoice(
  account: OpenedAccount,
  invoiceId: string,
  change: (invoice: InvoiceState) => InvoiceState,
): OpenedAccount {
  const invoice = entryOf(account.invoices, invoiceId);
  if (!invoice) return account;
  return { ...account, invoices: { ...account.invoices, [invoiceId]: change(invoice) } };
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
