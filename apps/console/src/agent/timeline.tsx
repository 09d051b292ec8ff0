import { api, answer, sinceLastChange } from '../api/client';
import { HistoryTable } from '../auditor/history-table';
import { ReadView } from '../shared/read-view';
import { storedSession } from '../shared/session';
import { useRead } from '../shared/use-read';

/** Every interaction and change on the account, from its audit trail (a read for supervisors and auditors). */
export function Timeline({ accountId, version }: { accountId: string; version: string }) {
  const role = storedSession()?.role;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {role === 'supervisor' || role === 'auditor' ? (
        <TimelineRead accountId={accountId} version={version} />
      ) : (
        <p className="muted">The full timeline is the audit trail, open to supervisors and auditors; the last contact and arrangements are shown above.</p>
      )}
    </section>
  );
}

function TimelineRead({ accountId, version }: { accountId: string; version: string }) {
  const { read } = useRead(
    async () => answer(await api.GET('/accounts/{accountId}/history', { params: { path: { accountId }, query: { limit: 100, ...sinceLastChange() } } })),
    [accountId, version],
  );
  return <ReadView read={read}>{(history) => <HistoryTable items={[...history.items].reverse()} />}</ReadView>;
}
