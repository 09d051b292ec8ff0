import { useState, type SyntheticEvent } from 'react';
import { answer, api } from '../../api/client';
import { CommandOutcome } from '../../shared/command-outcome';
import { useCommand } from '../../shared/use-command';
import type { ActionProps } from './action-props';

export function NoteForm({ account, onChange }: ActionProps) {
  const [text, setText] = useState('');
  const command = useCommand(() => {
    setText('');
    onChange();
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = { text };
    void command.send(
      async () =>
        answer(
          await api.POST('/accounts/{accountId}/notes', {
            params: { path: { accountId: account.accountId }, header: { 'Idempotency-Key': command.idempotencyKey(body) } },
            body,
          }),
        ),
      'Note added.',
    );
  };
  return (
    <form onSubmit={submit} aria-label="Add a note">
      <label>
        Note
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
          rows={4}
          maxLength={4000}
          required
        />
      </label>
      <button type="submit" disabled={command.sending}>
        Add note
      </button>
      <CommandOutcome outcome={command.outcome} />
    </form>
  );
}
