import { answer, api } from '../api/client';
import { signedIn } from '../shared/session';
import { useCommand } from '../shared/use-command';

/** Claiming an account to work it, from its worklist line or its page: the command, and whether the claim is the agent's own. */
export function useClaim(accountId: string, claimedBy: string | undefined, onChange: () => void) {
  const { outcome, send, sending, idempotencyKey } = useCommand(onChange);
  const claim = () =>
    send(
      async () =>
        answer(
          await api.POST('/worklist/{accountId}/claim', {
            params: { path: { accountId }, header: { 'Idempotency-Key': idempotencyKey('claim') } },
            body: {},
          }),
        ),
      'Claimed.',
    );
  return { claim, outcome, sending, mine: claimedBy === signedIn()?.subject };
}
