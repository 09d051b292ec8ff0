import type { ReactNode } from 'react';
import type { Read } from './use-read';
import { Loading, ProblemView } from './problem-view';

/** A read's states: loading, failed (with the service's problem), loaded (with the problem of a reload that failed, if one did). */
export function ReadView<T>({ read, children }: { read: Read<T>; children: (data: T) => ReactNode }) {
  if (read.state === 'loading') return <Loading />;
  if (read.state === 'failed') return <ProblemView problem={read.problem} />;
  return (
    <>
      {read.reloadFailed && <ProblemView problem={read.reloadFailed} />}
      {children(read.data)}
    </>
  );
}
