import { useState, type SyntheticEvent } from 'react';
import { answer, api } from '../../api/client';
import { localDate, minorUnits } from '../../shared/format';
import { CommandOutcome } from '../../shared/command-outcome';
import { useCommand } from '../../shared/use-command';
import { needsCurrency, type AmountProps } from './needs-currency';
import { AmountInput } from './amount-input';

export const PromiseForm = needsCurrency(function PromiseForm({ account, currency, onChange }: AmountProps) {
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState(localDate(7));
  const command = useCommand(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const minor = minorUnits(amount, currency);
    if (minor === null) return;
    const body = { promiseId: command.draftId('promise'), amount: minor, currency, dueOn };
    void command.send(
      async () =>
        answer(
          await api.POST('/accounts/{accountId}/promises', {
            params: { path: { accountId: account.accountId }, header: { 'Idempotency-Key': command.idempotencyKey(body) } },
            body,
          }),
        ),
      'Promise recorded.',
    );
  };
  return (
    <form onSubmit={submit} aria-label="Record a promise to pay">
      <AmountInput label="Promised amount" currency={currency} value={amount} onChange={setAmount} />
      <label>
        Pay by
        <input
          type="date"
          value={dueOn}
          onChange={(e) => {
            setDueOn(e.target.value);
          }}
          required
        />
      </label>
      <button type="submit" disabled={command.sending}>
        Record promise
      </button>
      <CommandOutcome outcome={command.outcome} />
    </form>
  );
});
