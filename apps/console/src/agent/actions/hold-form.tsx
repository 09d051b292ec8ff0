import { useState, type SyntheticEvent } from 'react';
import { answer, api } from '../../api/client';
import { localDate } from '../../shared/format';
import { CommandOutcome } from '../../shared/command-outcome';
import { useCommand } from '../../shared/use-command';
import type { ActionProps } from './action-props';

export function HoldForm({ account, onChange }: ActionProps) {
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(localDate(14));
  const command = useCommand(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = { holdId: command.draftId('hold'), reason, until };
    void command.send(
      async () =>
        answer(
          await api.POST('/accounts/{accountId}/holds', {
            params: { path: { accountId: account.accountId }, header: { 'Idempotency-Key': command.idempotencyKey(body) } },
            body,
          }),
        ),
      'Hold placed: no contact until it ends.',
    );
  };
  return (
    <form onSubmit={submit} aria-label="Place a hold">
      <label>
        Why collection stops
        <input
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
          maxLength={500}
          required
        />
      </label>
      <label>
        Through (the debtor’s date)
        <input
          type="date"
          value={until}
          onChange={(e) => {
            setUntil(e.target.value);
          }}
          required
        />
      </label>
      <button type="submit" disabled={command.sending}>
        Place hold
      </button>
      <CommandOutcome outcome={command.outcome} />
    </form>
  );
}
