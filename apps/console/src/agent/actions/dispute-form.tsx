import { useState, type SyntheticEvent } from 'react';
import { answer, api } from '../../api/client';
import { CommandOutcome } from '../../shared/command-outcome';
import { useCommand } from '../../shared/use-command';
import { newId, type ActionProps } from './action-props';

export function DisputeForm({ account, onChange }: ActionProps) {
  const [invoiceId, setInvoiceId] = useState('');
  const [reason, setReason] = useState('');
  const command = useCommand(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = { disputeId: newId('dispute'), reason, ...(invoiceId && { invoiceId }) };
    void command.send(
      async () => answer(await api.POST('/accounts/{accountId}/disputes', { params: { path: { accountId: account.accountId } }, body })),
      'Dispute recorded: collection of the disputed debt pauses.',
    );
  };
  return (
    <form onSubmit={submit} aria-label="Record a dispute">
      <label>
        Disputed debt
        <select
          value={invoiceId}
          onChange={(e) => {
            setInvoiceId(e.target.value);
          }}
        >
          <option value="">the whole account</option>
          {account.invoices.map((invoice) => (
            <option key={invoice.invoiceId} value={invoice.invoiceId}>
              {invoice.invoiceId}
            </option>
          ))}
        </select>
      </label>
      <label>
        Why the debtor disputes it
        <textarea
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
          rows={3}
          maxLength={1000}
          required
        />
      </label>
      <button type="submit" disabled={command.sending}>
        Record dispute
      </button>
      <CommandOutcome outcome={command.outcome} />
    </form>
  );
}
