import { api, answer, sinceLastChange } from '../api/client';
import { HistoryPages } from '../auditor/history-table';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';

const pageSize = 50;

const newestFirst = async (accountId: string, cursor?: string) =>
  answer(
    await api.GET('/accounts/{accountId}/history', {
      params: { path: { accountId }, query: { order: 'desc', limit: pageSize, ...(cursor ? { cursor } : sinceLastChange()) } },
    }),
  );

/** Every interaction and change on the account, newest first, from its audit trail; older pages on demand. */
export function Timeline({ accountId, version }: { accountId: string; version: string }) {
  const { read } = useRead(async () => newestFirst(accountId), [accountId, version]);
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ReadView read={read}>{(page) => <HistoryPages first={page} next={(cursor) => newestFirst(accountId, cursor)} label="Show older" />}</ReadView>
    </section>
  );
}
