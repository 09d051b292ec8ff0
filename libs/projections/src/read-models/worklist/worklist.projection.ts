import { accountEventTypes, openInvoicesOldestFirst, totalOutstanding, type OpenedAccount } from '@arrears/domain';
import type { Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountAfter, accountDocumentIds } from '../account-events';
import { rankOf } from './priority';

/**
 * An account as the worklist sorts and filters it. `listed` accounts are open, owe money and are
 * not under a plan; readers add the day's condition (the oldest open invoice is past due).
 */
export interface WorklistDocument extends ProjectedDocument {
  creditorId: string;
  account: OpenedAccount;
  listed: boolean;
  currency: string | null;
  outstanding: number;
  oldestDueOn: string | null;
  missedOpen: number;
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
  const listed = account.status === 'open' && outstanding > 0 && account.activePlan === null && oldestDueOn !== null;
  return {
    id: account.accountId,
    creditorId: account.creditorId,
    account,
    listed,
    currency: account.currency,
    outstanding,
    oldestDueOn,
    missedOpen,
    rank: listed && oldestDueOn ? rankOf({ outstanding, oldestDueOn, missedOpen }) : null,
    claimAgentId: account.claim?.agentId ?? null,
    claimUntil: account.claim?.until ?? null,
  };
}

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
