import { useState, type SyntheticEvent } from 'react';
import { answer, api } from '../../api/client';
import type { AccountRead } from '../../api/schemas';
import { CommandOutcome } from '../../shared/command-outcome';
import { useCommand } from '../../shared/use-command';
import type { ActionProps } from './action-props';

export function DisputeForm({ account, onChange }: ActionProps) {
  const [invoiceId, setInvoiceId] = useState('');
  const [reason, setReason] = useState('');
  const [raisedId, setRaisedId] = useState<string | null>(null);
  const command = useCommand(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = { disputeId: command.draftId('dispute'), reason, ...(invoiceId && { invoiceId }) };
    void command.send(async () => {
      answer(
        await api.POST('/accounts/{accountId}/disputes', {
          params: { path: { accountId: account.accountId }, header: { 'Idempotency-Key': command.idempotencyKey(body) } },
          body,
        }),
      );
      setRaisedId(body.disputeId);
    }, 'Dispute recorded.');
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
      {command.outcome.state === 'done' && <WhetherCollectionPauses account={account} disputeId={raisedId} />}
    </form>
  );
}

/**
 * A dispute raised in time pauses collection of the disputed debt; one raised after the validation period
 * does so only if the creditor's policy says so (else it is only recorded): the account, read again, tells.
 */
function WhetherCollectionPauses({ account, disputeId }: { account: AccountRead; disputeId: string | null }) {
  const dispute = account.disputes.find((raised) => raised.disputeId === disputeId);
  if (!dispute) return null;
  return (
    <p role="status">
      {dispute.pausesCollection
        ? 'Collection of the disputed debt pauses until the dispute is resolved.'
        : 'Raised after the validation period: the creditor’s policy only records it, and collection goes on.'}
    </p>
  );
}
