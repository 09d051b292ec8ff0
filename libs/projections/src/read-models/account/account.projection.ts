import { accountEventTypes, nextWakeOn, type AccountEvent, type OpenedAccount, type PaymentReceived } from '@arrears/domain';
import type { Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountAfter, accountDocumentIds, type RecordedAccountEvent } from '../account-events';

export interface LastPayment {
  paymentId: string;
  amount: number;
  currency: string;
  receivedOn: string;
  method: string;
}

/** One account as the domain sees it, with what the domain does not keep: the last payment and times. */
export interface AccountDocument extends ProjectedDocument {
  creditorId: string;
  account: OpenedAccount;
  lastPayment: LastPayment | null;
  openedAt: string;
  updatedAt: string;
  /** The earliest day the scheduler may have work on the account; null when it never will. */
  wakeOn: string | null;
}

/** Folds one event into an account document; pure, and shared with the as-of replay. */
export function evolveAccountDocument(document: AccountDocument | null, event: RecordedAccountEvent): Evolved<AccountDocument> {
  const account = accountAfter(document?.account, event);
  if (!account) return document;
  return {
    id: account.accountId,
    creditorId: account.creditorId,
    account,
    lastPayment: event.type === 'PaymentReceived' ? lastPaymentOf(event) : (document?.lastPayment ?? null),
    openedAt: document?.openedAt ?? event.metadata.recordedAt,
    updatedAt: event.metadata.recordedAt,
    wakeOn: nextWakeOn(account),
  };
}

function lastPaymentOf({ data }: PaymentReceived): LastPayment {
  return { paymentId: data.paymentId, amount: data.amount, currency: data.currency, receivedOn: data.receivedOn, method: data.method };
}

export const accountProjection: Projection<AccountDocument, AccountEvent> = {
  name: 'account',
  collection: 'accounts',
  indexes: [
    { name: 'by_creditor', fields: [{ field: 'creditorId', direction: 'asc' }, { field: 'id', direction: 'asc' }] },
    { name: 'by_wake', fields: [{ field: 'wakeOn', direction: 'asc' }, { field: 'id', direction: 'asc' }] },
    // A debtor's accounts, found on erasure: one data key seals the debtor's data in all of them.
    { name: 'by_debtor', fields: [{ field: 'creditorId', direction: 'asc' }, { field: 'account.debtor.reference', direction: 'asc' }] },
  ],
  handles: accountEventTypes,
  documentIds: accountDocumentIds,
  evolve: ([document], event) => [evolveAccountDocument(document ?? null, event)],
};
