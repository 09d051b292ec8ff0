import type { Evolvers } from '../account/capability';
import { totalOutstanding, type OpenedAccount } from '../account/account.state';
import { resolvedBy } from '../resolutions/resolution';
import { updateInvoice } from '../account/invoice-updates';
import { promisesPaid } from '../promises/promises.evolve';
import type { PaymentsEvent } from './payments.events';

export const paymentsEvolvers: Evolvers<PaymentsEvent> = {
  PaymentReceived: (account, event) => {
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
      next = updateInvoice(next, invoiceId, (i) => ({ ...i, paid: i.paid + amount, paidOn: [...i.paidOn, receivedOn] }));
    }
    if (next.activePlan && installmentAllocations.length > 0) {
      const installments = next.activePlan.installments.map((installment) => {
        const paid = installmentAllocations.find((a) => a.installment === installment.number)?.amount ?? 0;
        return { ...installment, paid: installment.paid + paid };
      });
      next = { ...next, activePlan: { ...next.activePlan, installments } };
    }
    return totalOutstanding(account) > 0 ? resolvedBy(next, 'paid_in_full', receivedOn) : next;
  },
  EarlyPaymentDiscountApplied: (account, event) =>
    updateInvoice(account, event.data.invoiceId, (i) => ({ ...i, discounted: i.discounted + event.data.amount })),
};
