import { useState } from 'react';
import { asProblem, type Problem } from '../../console/src/api/problem';
import type { Words } from './words';

export type Outcome = { state: 'idle' } | { state: 'busy' } | { state: 'done' } | { state: 'refused'; problem: Problem };

/** Runs a debtor's action once at a time, remembering how it went. */
export function useAction(after?: () => void): [Outcome, (action: () => Promise<unknown>) => Promise<void>] {
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const run = async (action: () => Promise<unknown>) => {
    setOutcome({ state: 'busy' });
    try {
      await action();
      setOutcome({ state: 'done' });
      after?.();
    } catch (error) {
      setOutcome({ state: 'refused', problem: asProblem(error) });
    }
  };
  return [outcome, run];
}

/**
 * How an action went, read out by screen readers: done, or refused with the service's own code (the
 * same an agent sees), its explanation, and each field's problem.
 */
export function Feedback({ outcome, words }: { outcome: Outcome; words: Words }) {
  if (outcome.state === 'done')
    return (
      <p role="status" className="done">
        {words.done}
      </p>
    );
  if (outcome.state !== 'refused') return <p role="status" className="quiet" />;
  const { problem } = outcome;
  return (
    <div role="alert" className="refused">
      <p>
        <strong>{words.refused}</strong>: {problem.detail ?? problem.title} {problem.code && <code>{problem.code}</code>}
      </p>
      {problem.errors && (
        <ul>
          {problem.errors.map((error) => (
            <li key={error.field}>
              {error.field}: {error.messages.join(' ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
