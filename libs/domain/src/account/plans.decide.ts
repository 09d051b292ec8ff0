import { conflict, ruleBroken } from '../errors/domain-error';
import type { AgreePlan } from './account.commands';
import type { Allocation, PlanAgreed } from './account.events';
import {
  requireAmount,
  requireCurrency,
  requireDate,
  requireInvoice,
  requireNew,
  requireOpen,
  todayFor,
} from './account.guards';
import { openInvoicesOldestFirst, outstanding, type AccountState, type OpenedAccount } from './account.state';

/**
 * A plan replaces the covered invoices' due dates with a schedule of installments. Its installments
 * must add up to exactly the balance it covers, so paying every installment settles that balance.
 */
export function agreePlan(command: AgreePlan, state: AccountState): [PlanAgreed] {
  const account = requireOpen(state);
  const { planId, currency, installments, invoiceIds } = command.data;
  requireNew(account.planIds, planId, 'PLAN_ALREADY_AGREED', 'Plan');
  if (account.activePlan) {
    throw conflict('PLAN_ALREADY_ACTIVE', `Plan ${account.activePlan.planId} is still active.`, {
      activePlanId: account.activePlan.planId,
    });
  }
  requireCurrency(account, currency);
  if (installments.length === 0) throw ruleBroken('PLAN_WITHOUT_INSTALLMENTS', 'A plan needs at least one installment.');
  installments.forEach((installment, index) => {
    requireAmount(installment.amount, `installments[${index}].amount`);
    requireDate(installment.dueOn, `installments[${index}].dueOn`);
    const previous = installments[index - 1];
    if (previous && installment.dueOn <= previous.dueOn) {
      throw ruleBroken('PLAN_INSTALLMENTS_NOT_IN_ORDER', 'Installment due dates must be strictly increasing.', {
        index,
      });
    }
  });
  const covers = coveredBalance(account, invoiceIds);
  const coveredTotal = covers.reduce((sum, c) => sum + c.amount, 0);
  const installmentsTotal = installments.reduce((sum, i) => sum + i.amount, 0);
  if (installmentsTotal !== coveredTotal) {
    throw ruleBroken(
      'PLAN_SUM_MISMATCH',
      `The installments add up to ${installmentsTotal} but the covered balance is ${coveredTotal}.`,
      { installmentsTotal, coveredBalance: coveredTotal, currency },
    );
  }
  return [
    {
      type: 'PlanAgreed',
      data: {
        planId,
        currency,
        agreedOn: todayFor(account, command.now),
        installments: installments.map((i, index) => ({ number: index + 1, dueOn: i.dueOn, amount: i.amount })),
        covers,
      },
    },
  ];
}

function coveredBalance(account: OpenedAccount, invoiceIds: string[] | undefined): Allocation[] {
  const invoices = invoiceIds
    ? invoiceIds.map((invoiceId) => requireInvoice(account, invoiceId))
    : openInvoicesOldestFirst(account);
  const covers = invoices.map((invoice) => ({ invoiceId: invoice.invoiceId, amount: outstanding(invoice) }));
  const settled = covers.find((c) => c.amount <= 0);
  if (settled) {
    throw ruleBroken('INVOICE_ALREADY_PAID', `Invoice ${settled.invoiceId} is paid.`, { invoiceId: settled.invoiceId });
  }
  if (covers.length === 0) throw ruleBroken('NOTHING_TO_COVER', 'The account has no open balance for a plan to cover.');
  return covers;
}
