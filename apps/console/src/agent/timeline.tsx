import { api, answer, sinceLastChange } from '../api/client';
import type { HistoryEntry } from '../api/schemas';
import { HistoryTable } from '../auditor/history-table';
import { ShowMore, usePages, type Page } from '../shared/pages';
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
      <ReadView read={read}>{(page) => <TimelinePages accountId={accountId} first={page} />}</ReadView>
    </section>
  );
}

function TimelinePages({ accountId, first }: { accountId: string; first: Page<HistoryEntry> }) {
  const pages = usePages(first, (cursor) => newestFirst(accountId, cursor));
  return (
    <>
      <HistoryTable items={pages.items} />
      <ShowMore pages={pages} label="Show older" />
    </>
  );
}
