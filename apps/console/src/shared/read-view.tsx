import type { ReactNode } from 'react';
import type { Read } from './use-read';
import { Loading, ProblemView } from './problem-view';

/** A read's three states: loading, failed (with the service's problem), loaded. */
export function ReadView<T>({ read, children }: { read: Read<T>; children: (data: T) => ReactNode }) {
  if (read.state === 'loading') return <Loading />;
  if (read.state === 'failed') return <ProblemView problem={read.problem} />;
  return <>{children(read.data)}</>;
}
