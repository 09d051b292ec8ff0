import { useCallback, useEffect, useState } from 'react';
import { asProblem, type Problem } from '../api/problem';

export type Read<T> = { state: 'loading' } | { state: 'failed'; problem: Problem } | { state: 'loaded'; data: T };

/** Loads `load` whenever `keys` change; `reload` asks again (after a command changed what it shows). */
export function useRead<T>(load: () => Promise<T>, keys: readonly unknown[]): { read: Read<T>; reload: () => void } {
  const [read, setRead] = useState<Read<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setRead((previous) => (previous.state === 'loaded' ? previous : { state: 'loading' }));
    load().then(
      (data) => {
        if (current) setRead({ state: 'loaded', data });
      },
      (error: unknown) => {
        if (current) setRead({ state: 'failed', problem: asProblem(error) });
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
  return { read, reload };
}
