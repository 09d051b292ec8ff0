import { accountEventTypes, openDisputes, openInvoicesOldestFirst, totalOutstanding, type OpenedAccount } from '@arrears/domain';
import type { Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountAfter, accountDocumentIds } from '../account-events';
import { rankOf } from './priority';

/**
 * An account as the worklist sorts and filters it. `listed` accounts are open, owe money, are not
 * under a plan and may be pursued: no cease request, no open dispute, no hold (the scheduler ends
 * expired ones), not with an agency or in legal. Readers add the day's condition (the oldest open
 * invoice is past due).
 */
export interface WorklistDocument extends ProjectedDocument {
  creditorId: string;
  account: OpenedAccount;
  listed: boolean;
  currency: string | null;
  outstanding: number;
  oldestDueOn: string | null;
  missedOpen: number;
  brokenPromises: number;
  rank: number | null;
  /** The agent of the latest claim and when it lapses; readers compare with the time. */
  claimAgentId: string | null;
  claimUntil: string | null;
}

export function worklistEntry(account: OpenedAccount): Evolved<WorklistDocument> {
  const open = openInvoicesOldestFirst(account);
  const oldestDueOn = open[0]?.dueOn ?? null;
  const outstanding = totalOutstanding(account);
  const missedOpen = open.filter((invoice) => invoice.missed).length;
  const brokenPromises = Object.values(account.promises).filter((promise) => promise.status === 'broken').length;
  const listed = account.status === 'open' && outstanding > 0 && account.activePlan === null && oldestDueOn !== null && pursuable(account);
  return {
    id: account.accountId,
    creditorId: account.creditorId,
    account,
    listed,
    currency: account.currency,
    outstanding,
    oldestDueOn,
    missedOpen,
    brokenPromises,
    rank: listed && oldestDueOn ? rankOf({ outstanding, oldestDueOn, missedOpen, brokenPromises }) : null,
    claimAgentId: account.claim?.agentId ?? null,
    claimUntil: account.claim?.until ?? null,
  };
}

/** Whether agents may work the account at all (contact rules still decide when). */
const pursuable = (account: OpenedAccount) =>
  !account.restrictions.ceaseRequested &&
  openDisputes(account).length === 0 &&
  !Object.values(account.holds).some((hold) => hold.active) &&
  account.agency === null &&
  account.legal === null;

export const worklistProjection: Projection<WorklistDocument> = {
  name: 'worklist',
  collection: 'worklist',
  indexes: [
    { name: 'by_priority', fields: [{ field: 'listed', direction: 'asc' }, { field: 'rank', direction: 'desc' }, { field: 'id', direction: 'asc' }] },
    { name: 'by_agent', fields: [{ field: 'claimAgentId', direction: 'asc' }, { field: 'rank', direction: 'desc' }, { field: 'id', direction: 'asc' }] },
  ],
  handles: accountEventTypes,
  documentIds: accountDocumentIds,
  evolve: ([document], event) => {
    const account = accountAfter(document?.account, event);
    return [account ? worklistEntry(account) : (document ?? null)];
  },
};
