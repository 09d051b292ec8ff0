/**
 * The cost of folding one payment into an account, by how many it has received before: it should not
 * grow with the account's history, on the command path (the domain's evolve) nor in the account read
 * model (the account, its worklist line, its KPI ledger and day documents). Pure CPU, no database: folds
 * the next payment into the same state again and again, after a warm-up, and gives microseconds per fold.
 */
import { evolve, initialAccountState, type AccountEvent, type AccountState } from '@arrears/domain';
import { reportingZones } from '@arrears/platform';
import { accountProjectionFor, applyEvent, keyOf, type AccountFoldDocument, type Recorded } from '@arrears/projections';
import { microsecondsPer } from './cpu-loop';

export const foldHistories = [10, 1_000, 10_000] as const;

export interface FoldFigure {
  pastPayments: number;
  /** The domain's evolve, as the command path folds. */
  microsecondsPerPayment: number;
  /** The account read model's fold of the same payment. */
  readModelMicrosecondsPerPayment: number;
}

/** Four payments a business day, in order: 10,000 of them span about seven years. */
const paidOn = (n: number) => new Date(Date.UTC(2025, 0, 1) + Math.floor(n / 4) * 86_400_000).toISOString().slice(0, 10);

/** The `n`th payment of 1 to the account's one invoice. */
export const payment = (n: number): AccountEvent => ({
  type: 'PaymentReceived',
  data: {
    paymentId: `pay-${n}`,
    amount: 1,
    currency: 'EUR',
    receivedOn: paidOn(n),
    method: 'card',
    allocations: [{ invoiceId: 'inv-1', amount: 1 }],
    installmentAllocations: [],
    credited: 0,
  },
});

/** An open account with one large invoice that `past` payments of 1 went to, as the domain folds it. */
export function accountWith(past: number): AccountState {
  return historyOf(past).reduce(evolve, initialAccountState());
}

/** The account opened, and its one large invoice issued on 2025-01-01. */
export const opening = (accountId = 'acc-1'): AccountEvent[] => [
  { type: 'AccountOpened', data: { accountId, creditorId: 'cred-1', debtor: { reference: 'D-1', timeZone: 'UTC' } } },
  {
    type: 'InvoiceIssued',
    data: { invoiceId: 'inv-1', amount: 1e12, currency: 'EUR', issuedOn: '2025-01-01', dueOn: '2025-01-31', terms: { graceDays: 0 } },
  },
];

function historyOf(past: number): AccountEvent[] {
  return [...opening(), ...Array.from({ length: past }, (_, n) => payment(n))];
}

/** Each event as the log records it: on its account's stream, at noon of its business day. */
const recorded = (event: AccountEvent, n: number): Recorded<AccountEvent> => {
  const at = `${event.type === 'PaymentReceived' ? event.data.receivedOn : '2025-01-01'}T12:00:00.000Z`;
  const metadata = { correlationId: `c-${n}`, causationId: `c-${n}`, actor: { id: 'bench', role: 'system' }, occurredAt: at, recordedAt: at };
  return {
    ...event,
    id: `e-${n}`,
    streamId: 'account-acc-1',
    revision: BigInt(n),
    position: BigInt(n + 1),
    metadata: { ...metadata, schemaVersion: 1, creditorId: 'cred-1' },
  };
};

/** The account read model's fold of the payment after `past`: a function folding it into the same documents. */
function readModelFold(past: number): () => unknown {
  const projection = accountProjectionFor(reportingZones({}));
  const documents = new Map<string, AccountFoldDocument | null>();
  historyOf(past).forEach((event, n) => applyEvent(projection, documents, recorded(event, n)));
  const next = recorded(payment(past), past + 2);
  const loaded = projection.documentIds(next).map((ref) => documents.get(keyOf(ref)) ?? null);
  return () => projection.evolve(loaded, next);
}

/** Microseconds per fold of the next payment, at each history length. */
export async function measureFold(): Promise<FoldFigure[]> {
  const figures: FoldFigure[] = [];
  for (const past of foldHistories) {
    const state = accountWith(past);
    const next = payment(past);
    const microsecondsPerPayment = await microsecondsPer(() => evolve(state, next));
    figures.push({ pastPayments: past, microsecondsPerPayment, readModelMicrosecondsPerPayment: await microsecondsPer(readModelFold(past)) });
  }
  return figures;
}
