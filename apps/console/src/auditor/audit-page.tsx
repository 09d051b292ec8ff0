import { useState, type SyntheticEvent } from 'react';
import { api, answer } from '../api/client';
import { navigate } from '../shared/router';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { HistoryPages } from './history-table';
import { ChainBadge } from './chain-badge';
import { AsOfComparison } from './as-of-comparison';

/** The auditor's account: its chain verified, its history with both times, and the account as it stood at two cuts side by side. */
export function AuditPage({ accountId }: { accountId: string | null }) {
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit{accountId && ` · ${accountId}`}</h1>
      <AccountPicker initial={accountId ?? ''} />
      {accountId && (
        <>
          <ChainBadge key={`chain-${accountId}`} accountId={accountId} />
          <AsOfComparison key={`asof-${accountId}`} accountId={accountId} />
          <AuditHistory accountId={accountId} />
        </>
      )}
    </section>
  );
}

function AccountPicker({ initial }: { initial: string }) {
  const [accountId, setAccountId] = useState(initial);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    navigate(`/audit/${encodeURIComponent(accountId.trim())}`);
  };
  return (
    <form onSubmit={submit} className="inline" role="search">
      <label>
        Account id
        <input
          value={accountId}
          onChange={(e) => {
            setAccountId(e.target.value);
          }}
          required
        />
      </label>
      <button type="submit">Open</button>
    </form>
  );
}

const pageSize = 100;

const oldestFirst = async (accountId: string, cursor?: string) =>
  answer(await api.GET('/accounts/{accountId}/history', { params: { path: { accountId }, query: { limit: pageSize, ...(cursor && { cursor }) } } }));

/** The whole history, oldest first, a page at a time. */
function AuditHistory({ accountId }: { accountId: string }) {
  const { read } = useRead(async () => oldestFirst(accountId), [accountId]);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ReadView read={read}>{(first) => <HistoryPages first={first} next={(cursor) => oldestFirst(accountId, cursor)} label="Show more" />}</ReadView>
    </section>
  );
}
