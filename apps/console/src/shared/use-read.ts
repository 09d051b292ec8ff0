import { useCallback, useEffect, useState } from 'react';
import { asProblem, type Problem } from '../api/problem';
import { onSessionRenewed } from './session';

/**
 * A read's state. Once loaded, a failed reload of the same question keeps the data shown, with the problem beside
 * it (`reloadFailed`): what the person was reading does not vanish because one request failed. Another question
 * (another account, period, currency) shows nothing of the last one's answer: it would read as this one's.
 */
export type Read<T> = { state: 'loading' } | { state: 'failed'; problem: Problem } | { state: 'loaded'; data: T; reloadFailed: Problem | null; asked: string };

/** Loads `load` whenever `keys` change; `reload` asks again (after a command changed what it shows). */
export function useRead<T>(load: () => Promise<T>, keys: readonly unknown[]): { read: Read<T>; reload: () => void } {
  const [read, setRead] = useState<Read<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  const asked = JSON.stringify(keys);
  useEffect(() => {
    let current = true;
    const same = (previous: Read<T>): previous is Extract<Read<T>, { state: 'loaded' }> => previous.state === 'loaded' && previous.asked === asked;
    setRead((previous) => (same(previous) ? previous : { state: 'loading' }));
    load().then(
      (data) => {
        if (current) setRead({ state: 'loaded', data, reloadFailed: null, asked });
      },
      (error: unknown) => {
        if (!current) return;
        const problem = asProblem(error);
        setRead((previous) => (same(previous) ? { ...previous, reloadFailed: problem } : { state: 'failed', problem }));
      },
    );
    return () => {
      current = false;
    };
    // `keys` are what `load` depends on: it is a new function on every render.
  }, [...keys, version]);
  const reload = useCallback(() => {
    setVersion((v) => v + 1);
  }, []);
  // Refused for an expired session: asked again once the person has signed in again.
  const refusedSession = problemOf(read)?.status === 401;
  useEffect(() => (refusedSession ? onSessionRenewed(reload) : undefined), [refusedSession, reload]);
  return { read, reload };
}

const problemOf = <T>(read: Read<T>): Problem | null => (read.state === 'failed' ? read.problem : read.state === 'loaded' ? read.reloadFailed : null);
