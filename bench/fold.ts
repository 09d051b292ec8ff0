/**
 * The cost of folding one payment into an account, by how many it has received before: it should not
 * grow with the account's history. Pure CPU, no database: folds the next payment into the same state
 * again and again, after a warm-up, and gives microseconds per fold.
 */
import { evolve, initialAccountState, type AccountEvent, type AccountState } from '@arrears/domain';
import { microsecondsPer } from './cpu-loop';

export const foldHistories = [10, 1_000, 10_000] as const;

export interface FoldFigure {
  pastPayments: number;
  microsecondsPerPayment: number;
}

const payment = (n: number): AccountEvent => ({
  type: 'PaymentReceived',
  data: {
    paymentId: `pay-${n}`,
    amount: 1,
    currency: 'EUR',
    receivedOn: new Date(Date.UTC(2025, 0, 1) + (n % 3650) * 86_400_000).toISOString().slice(0, 10),
    method: 'card',
    allocations: [{ invoiceId: 'inv-1', amount: 1 }],
    installmentAllocations: [],
    credited: 0,
  },
});

/** An open account with one large invoice that `past` payments of 1 went to. */
export function accountWith(past: number): AccountState {
  const opening: AccountEvent[] = [
    { type: 'AccountOpened', data: { accountId: 'acc-1', creditorId: 'cred-1', debtor: { reference: 'D-1', timeZone: 'UTC' } } },
    {
      type: 'InvoiceIssued',
      data: { invoiceId: 'inv-1', amount: 1e12, currency: 'EUR', issuedOn: '2025-01-01', dueOn: '2025-01-31', terms: { graceDays: 0 } },
    },
  ];
  let state = opening.reduce(evolve, initialAccountState());
  for (let n = 0; n < past; n++) state = evolve(state, payment(n));
  return state;
}

/** Microseconds per fold of the next payment, at each history length. */
export async function measureFold(): Promise<FoldFigure[]> {
  const figures: FoldFigure[] = [];
  for (const past of foldHistories) {
    const state = accountWith(past);
    const next = payment(past);
    figures.push({ pastPayments: past, microsecondsPerPayment: await microsecondsPer(() => evolve(state, next)) });
  }
  return figures;
}
