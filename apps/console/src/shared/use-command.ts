import { useState } from 'react';
import { asProblem, type Problem } from '../api/problem';

export type CommandState = { state: 'idle' } | { state: 'sending' } | { state: 'refused'; problem: Problem } | { state: 'done'; message: string };

/** Sends one command at a time and keeps its outcome: what was recorded, or the refusal with its rule. */
export function useCommand(onDone: () => void) {
  const [outcome, setOutcome] = useState<CommandState>({ state: 'idle' });
  const send = async (command: () => Promise<unknown>, message: string) => {
    setOutcome({ state: 'sending' });
    try {
      await command();
      setOutcome({ state: 'done', message });
      onDone();
    } catch (error) {
      setOutcome({ state: 'refused', problem: asProblem(error) });
    }
  };
  return { outcome, send, sending: outcome.state === 'sending' };
}
