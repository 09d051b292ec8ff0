import type { AccountEvent } from './account.events';
import type { AccountState, InvoiceState, OpenedAccount } from './account.state';

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
      };
      return { ...account, currency, invoices: { ...account.invoices, [invoiceId]: invoice } };
    }
    case 'CreditApplied':
      return {
        ...updateInvoice(account, event.data.invoiceId, (i) => ({ ...i, paid: i.paid + event.data.amount })),
        credit: account.credit - event.data.amount,
      };
    case 'PaymentReceived': {
      const { paymentId, currency, allocations, installmentAllocations, credited } = event.data;
      let next: OpenedAccount = {
        ...account,
        currency,
        paymentIds: { ...account.paymentIds, [paymentId]: true },
        credit: account.credit + credited,
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
          installments: installments.map((installment) => ({ ...installment, paid: 0 })),
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
    case 'AccountClaimed':
      return { ...account, claim: { agentId: event.data.agentId, until: event.data.until } };
    case 'AccountClaimReleased':
      return { ...account, claim: null };
    default:
      return assertNever(event);
  }
}

function updateInvoice(
  account: OpenedAccount,
  invoiceId: string,
  change: (invoice: InvoiceState) => InvoiceState,
): OpenedAccount {
  const invoice = account.invoices[invoiceId];
  if (!invoice) return account;
  return { ...account, invoices: { ...account.invoices, [invoiceId]: change(invoice) } };
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
