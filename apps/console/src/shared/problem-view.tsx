import type { ReactNode } from 'react';
import type { Problem } from '../api/problem';
import { instant, ownZone } from './format';

/** A refusal or failure as the service explained it: its rule (code), why (detail), the rules refusing, and when it is allowed again. */
export function ProblemView({ problem, debtorZone }: { problem: Problem; debtorZone?: string | undefined }) {
  return (
    <div className="problem" role="alert">
      <p>
        <strong>{problem.code ?? problem.title ?? `Error ${problem.status}`}</strong>
        {problem.detail && <> — {problem.detail}</>}
      </p>
      {problem.errors && (
        <ul>
          {problem.errors.map((error) => (
            <li key={error.field}>
              <code>{error.field}</code>: {error.messages.join('; ')}
            </li>
          ))}
        </ul>
      )}
      {problem.refusals && problem.refusals.length > 1 && (
        <ul aria-label="Rules refusing">
          {problem.refusals.map((refusal) => (
            <li key={refusal.code}>
              <code>{refusal.code}</code> {refusal.message}
            </li>
          ))}
        </ul>
      )}
      {problem.allowedFrom !== undefined && <AllowedFrom at={problem.allowedFrom} debtorZone={debtorZone} />}
    </div>
  );
}

/** When contact is allowed again, in the reader's zone and the debtor's. */
export function AllowedFrom({ at, debtorZone }: { at: string | null; debtorZone?: string | undefined }) {
  if (at === null) return <p className="allowed-from">Allowed again only once the cause is lifted (no date).</p>;
  return (
    <p className="allowed-from">
      Allowed from <time dateTime={at}>{instant(at)}</time> your time ({ownZone()})
      {debtorZone && (
        <>
          , <time dateTime={at}>{instant(at, debtorZone)}</time> the debtor’s time ({debtorZone})
        </>
      )}
    </p>
  );
}

export function Loading() {
  return (
    <p className="loading" aria-live="polite">
      Loading…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
