import { useRef, useState } from 'react';
import { asProblem, type Problem } from '../api/problem';

export type CommandState = { state: 'idle' } | { state: 'sending' } | { state: 'refused'; problem: Problem } | { state: 'done'; message: string };

const draftToken = () => crypto.randomUUID().slice(0, 8);

/**
 * How long a request that failed is taken for the same one when sent again: a retry comes at once, while the same
 * fields sent later (a second call with the same outcome, an hour on) are another fact, which a kept key would
 * answer with the first one's receipt and not record.
 */
const retryWindowMs = 2 * 60_000;

/**
 * Sends one command at a time and keeps its outcome: what was recorded, or the refusal with its rule.
 *
 * A request whose answer was lost (the connection dropped after the service recorded it) is retried by
 * sending it again. So that the retry records nothing twice, a form's draft keeps its ids (`draftId`) and
 * the Idempotency-Key of what it sends (`idempotencyKey`) until a success, for two minutes at most: the service
 * answers a retry with the first answer. A changed request gets another key (the service refuses a key reused for other
 * content); a refusal keeps it, as the service gives the key back when it refuses.
 */
export function useCommand(onDone: () => void) {
  const [outcome, setOutcome] = useState<CommandState>({ state: 'idle' });
  // A ref, not `outcome`: a second click before React re-renders still sees the first send in flight.
  const inFlight = useRef(false);
  const draft = useRef(draftToken());
  const lastKey = useRef<{ request: string; key: string; madeAt: number } | null>(null);

  /** The id of a new promise, plan, dispute or hold: the same for every retry of this draft. */
  const draftId = (kind: string) => `${kind}-${draft.current}`;

  /** The Idempotency-Key for `request`: everything that tells it apart, its body and the path's variable parts. */
  const idempotencyKey = (request: unknown) => {
    const fingerprint = JSON.stringify(request ?? null);
    const now = Date.now();
    const kept = lastKey.current;
    if (kept?.request !== fingerprint || now - kept.madeAt > retryWindowMs) lastKey.current = { request: fingerprint, key: crypto.randomUUID(), madeAt: now };
    return (lastKey.current as { key: string }).key;
  };

  /** Sends `command` unless one is in flight; `message` says what was done. */
  const send = async (command: () => Promise<unknown>, message: string) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setOutcome({ state: 'sending' });
    try {
      await command();
      draft.current = draftToken();
      lastKey.current = null;
      setOutcome({ state: 'done', message });
      onDone();
    } catch (error) {
      setOutcome({ state: 'refused', problem: asProblem(error) });
    } finally {
      inFlight.current = false;
    }
  };
  return { outcome, send, sending: outcome.state === 'sending', draftId, idempotencyKey };
}
