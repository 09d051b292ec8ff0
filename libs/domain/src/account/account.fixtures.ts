import type { InvoiceIssued, InvoiceTerms } from '../billing/billing.events';
import type { PaymentReceived } from '../payments/payments.events';
import type { Installment, PlanAgreed } from '../plans/plans.events';
import type { AccountCommand } from './account.commands';
import { decide } from './account.decide';
import type { AccountEvent, AccountOpened, Debtor } from './account.events';
import type { Allocation } from './allocation';
import { evolve } from './account.evolve';
import { initialAccountState, type AccountState } from './account.state';

/** Test fixtures shared by the decider specifications. */
export const accountDecider = {
  decide,
  evolve,
  initialState: initialAccountState,
} satisfies { decide: unknown; evolve: unknown; initialState: () => AccountState };

export const NOW = '2026-03-01T15:00:00Z';

export const opened: AccountOpened = {
  type: 'AccountOpened',
  data: {
    accountId: 'acc-1',
    creditorId: 'cred-1',
    // A postal address on file: the validation notice names it (1006.34(c)(2)(ii)).
    debtor: {
      reference: 'D-100',
      name: 'Ada Lovelace',
      timeZone: 'America/New_York',
      email: 'ada@example.com',
      address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
    },
  },
};

/** A debtor whose postal address puts the debt under New York's statute of limitations (CPLR 214-i: 3 years). */
export const openedInNewYork: AccountEvent = {
  type: 'AccountOpened',
  data: {
    accountId: 'acc-1',
    creditorId: 'cred-1',
    debtor: { reference: 'D-1', timeZone: 'America/New_York', address: { lines: ['1 Main St'], city: 'Albany', region: 'NY', country: 'US' } },
  },
};

/** The same opening, the debtor lacking some of their details (never given). */
export const openedWithout = (...fields: (keyof Debtor)[]): AccountOpened => ({
  ...opened,
  data: {
    ...opened.data,
    debtor: Object.fromEntries(Object.entries(opened.data.debtor).filter(([field]) => !fields.includes(field as keyof Debtor))) as Debtor,
  },
});

export const issued = (invoiceId: string, amount: number, issuedOn: string, dueOn: string, terms: InvoiceTerms = { graceDays: 0 }): InvoiceIssued => ({
  type: 'InvoiceIssued',
  data: { invoiceId, amount, currency: 'USD', issuedOn, dueOn, terms },
});

export const command = <C extends AccountCommand>(type: C['type'], data: C['data'], now = NOW): C => ({ type, data, now }) as C;

export const paymentReceived = (amount: number, receivedOn: string, data: Partial<PaymentReceived['data']> = {}): PaymentReceived => ({
  type: 'PaymentReceived',
  data: {
    paymentId: 'pay-1',
    amount,
    currency: 'USD',
    receivedOn,
    method: 'card',
    allocations: [],
    installmentAllocations: [],
    credited: 0,
    ...data,
  },
});

/** A plan agreed on 2026-02-01; installments are numbered from 1 in the order given. */
export const planAgreed = (covers: Allocation[], installments: Omit<Installment, 'number'>[]): PlanAgreed => ({
  type: 'PlanAgreed',
  data: {
    planId: 'plan-1',
    currency: 'USD',
    agreedOn: '2026-02-01',
    installments: installments.map((installment, index) => ({ number: index + 1, ...installment })),
    covers,
  },
});
