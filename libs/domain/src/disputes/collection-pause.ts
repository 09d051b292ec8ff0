import { outstanding, type InvoiceBalance, type OpenedAccount } from '../account/account.state';

/** What pauses collection of a debt reads of an account. */
export type PauseSubject = Pick<OpenedAccount, 'disputes' | 'creditorRequests'>;

/** Why collection of a debt waits: named as the collection timeline names a deferral. */
export type PauseReason = 'dispute' | 'original_creditor_request';

/** One thing pausing collection: of the invoice `invoiceId`, or of the whole account when null. */
export interface CollectionPause {
  reason: PauseReason;
  id: string;
  invoiceId: string | null;
}

/**
 * What pauses collection now: each open dispute that pauses it (12 CFR 1006.38(d)(2): until the
 * collector provides verification, of the disputed debt; a late dispute per the creditor's policy),
 * and each request for the original creditor's name and address not yet answered (1006.38(c)).
 * (A dispute recorded before disputes could be late folds as pausing, as every dispute did then.)
 */
export function collectionPauses(account: PauseSubject): CollectionPause[] {
  const disputes = Object.values(account.disputes)
    .filter((dispute) => dispute.status === 'open' && dispute.pausesCollection)
    .map((dispute) => ({ reason: 'dispute' as const, id: dispute.disputeId, invoiceId: dispute.invoiceId }));
  const requests = Object.values(account.creditorRequests)
    .filter((request) => request.status === 'open')
    .map((request) => ({ reason: 'original_creditor_request' as const, id: request.requestId, invoiceId: request.invoiceId }));
  return [...disputes, ...requests];
}

/** What pauses collection of the invoice, if anything: a pause of it, or of the whole account. */
export const pauseOf = (account: PauseSubject, invoiceId: string): CollectionPause | undefined =>
  collectionPauses(account).find((pause) => pause.invoiceId === null || pause.invoiceId === invoiceId);

/**
 * The invoices still owed whose collection nothing pauses: while one is, the account as a whole may
 * still be pursued, only the paused debts may not (a dispute of one invoice leaves the others).
 */
export function collectibleInvoiceIds(account: PauseSubject & { invoices: Record<string, InvoiceBalance> }): string[] {
  const pauses = collectionPauses(account);
  if (pauses.some((pause) => pause.invoiceId === null)) return [];
  const paused = new Set(pauses.map((pause) => pause.invoiceId));
  return Object.values(account.invoices)
    .filter((invoice) => outstanding(invoice) > 0 && !paused.has(invoice.invoiceId))
    .map((invoice) => invoice.invoiceId);
}

/**
 * What keeps a contact about `invoiceIds` (the account as a whole when absent or empty) from being
 * made, or undefined: a pause of one of those debts or of the account; for the account as a whole,
 * only when nothing owed is left to collect.
 */
export function pauseOfContact(account: PauseSubject & { invoices: Record<string, InvoiceBalance> }, invoiceIds?: string[]): CollectionPause | undefined {
  const pauses = collectionPauses(account);
  if (!pauses.length) return undefined;
  if (invoiceIds?.length) return pauses.find((pause) => pause.invoiceId === null || invoiceIds.includes(pause.invoiceId));
  return collectibleInvoiceIds(account).length ? undefined : (pauses.find((pause) => pause.invoiceId === null) ?? pauses[0]);
}

/** Why a pause stops a collection step, as a refusal names it: a dispute (1006.38(d)(2)) or a request for the original creditor (1006.38(c)). */
export function pauseRefusal(pause: CollectionPause): { code: 'DISPUTE_OPEN' | 'ORIGINAL_CREDITOR_REQUESTED'; message: string } {
  const what = pause.invoiceId ? `invoice ${pause.invoiceId}` : 'the account';
  return pause.reason === 'dispute'
    ? { code: 'DISPUTE_OPEN', message: `Collection of ${what} is paused until dispute ${pause.id} is resolved (1006.38(d)(2)).` }
    : {
        code: 'ORIGINAL_CREDITOR_REQUESTED',
        message: `Collection of ${what} is paused until the original creditor's name and address are sent (request ${pause.id}, 1006.38(c)).`,
      };
}
