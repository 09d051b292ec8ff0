import { useState } from 'react';
import { api, answer, sinceLastChange } from '../api/client';
import type { HistoryEntry } from '../api/schemas';
import { asProblem, type Problem } from '../api/problem';
import { HistoryTable } from '../auditor/history-table';
import { ProblemView } from '../shared/problem-view';
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
      <ReadView read={read}>{(page) => <TimelinePages key={page.items[0]?.eventId} accountId={accountId} first={page} />}</ReadView>
    </section>
  );
}

function TimelinePages({ accountId, first }: { accountId: string; first: { items: HistoryEntry[]; nextCursor: string | null } }) {
  const [items, setItems] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [problem, setProblem] = useState<Problem | null>(null);
  const older = async (from: string) => {
    try {
      const page = await newestFirst(accountId, from);
      setItems((shown) => [...shown, ...page.items]);
      setCursor(page.nextCursor);
      setProblem(null);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <>
      <HistoryTable items={items} />
      {problem && <ProblemView problem={problem} />}
      {cursor && (
        <button type="button" onClick={() => void older(cursor)}>
          Show older
        </button>
      )}
    </>
  );
}
