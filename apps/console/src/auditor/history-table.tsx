import type { HistoryEntry } from '../api/schemas';
import { businessDate, instant } from '../shared/format';
import { Empty } from '../shared/problem-view';
import { ShowMore, usePages, type Page } from '../shared/pages';

/** A history's first page, and the next ones (`next`, by cursor) when asked for with `label`. */
export function HistoryPages({ first, next, label }: { first: Page<HistoryEntry>; next: (cursor: string) => Promise<Page<HistoryEntry>>; label: string }) {
  const pages = usePages(first, next);
  return (
    <>
      <HistoryTable items={pages.items} />
      <ShowMore pages={pages} label={label} />
    </>
  );
}

/** Every event: when it happened for the business and when it was recorded, who did it, and the correlation tying a request's events together. */
export function HistoryTable({ items }: { items: HistoryEntry[] }) {
  if (items.length === 0) return <Empty>No event recorded yet.</Empty>;
  return (
    <div className="table-scroll">
      <table className="history">
        <thead>
          <tr>
            <th scope="col">Rev.</th>
            <th scope="col">Happened</th>
            <th scope="col">Recorded</th>
            <th scope="col">What</th>
            <th scope="col">Actor</th>
            <th scope="col">Correlation</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.eventId}>
              <td>{entry.revision}</td>
              <td>{businessDate(entry.occurredOn)}</td>
              <td>
                <time dateTime={entry.recordedAt}>{instant(entry.recordedAt)}</time>
              </td>
              <td>
                <strong>{entry.type}</strong>
                <div>{entry.summary}</div>
              </td>
              <td>
                {entry.actor.id} ({entry.actor.role})
              </td>
              <td>
                <code title={entry.correlationId}>{entry.correlationId.slice(0, 8)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
