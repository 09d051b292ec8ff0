import { useRef, useState } from 'react';
import { asProblem, type Problem } from '../api/problem';
import { ProblemView } from './problem-view';

/** One page of a list the service answers a page at a time. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Pages<T> {
  items: T[];
  /** Whether another page follows. */
  more: boolean;
  loading: boolean;
  problem: Problem | null;
  showMore: () => void;
}

/**
 * The pages of a list read so far: `first`, then each next one (`next`, from its cursor) appended on
 * demand. A new first page (the list read again) starts them afresh.
 */
export function usePages<T>(first: Page<T>, next: (cursor: string) => Promise<Page<T>>): Pages<T> {
  const [shown, setShown] = useState({ first, items: first.items, cursor: first.nextCursor });
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // A ref, not `loading`: a double click, before React re-renders, would append the same page twice.
  const asking = useRef(false);
  if (shown.first !== first) setShown({ first, items: first.items, cursor: first.nextCursor });
  const showMore = () => {
    const { cursor } = shown;
    if (!cursor || asking.current) return;
    asking.current = true;
    setLoading(true);
    next(cursor)
      .then(
        (page) => {
          // A page asked for before the list was read again belongs to the old list.
          setShown((before) => (before.first === first ? { ...before, items: [...before.items, ...page.items], cursor: page.nextCursor } : before));
          setProblem(null);
        },
        (error: unknown) => {
          setProblem(asProblem(error));
        },
      )
      .finally(() => {
        asking.current = false;
        setLoading(false);
      });
  };
  return { items: shown.items, more: shown.cursor !== null, loading, problem, showMore };
}

/** The button asking for the next page (disabled while it is on its way), and why the last ask failed. */
export function ShowMore<T>({ pages, label }: { pages: Pages<T>; label: string }) {
  return (
    <>
      {pages.problem && <ProblemView problem={pages.problem} />}
      {pages.more && (
        <button type="button" onClick={pages.showMore} disabled={pages.loading}>
          {label}
        </button>
      )}
    </>
  );
}
