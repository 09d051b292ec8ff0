import type { AccountRead } from '../api/schemas';
import { businessDate, money } from '../shared/format';

/** What is agreed or standing on the account: promises, the plan, disputes, holds, restrictions. */
export function Arrangements({ account }: { account: AccountRead }) {
  const open = account.promises.filter((promise) => promise.status === 'open');
  const { restrictions } = account;
  return (
    <section aria-labelledby="arrangements-title">
      <h2 id="arrangements-title">Arrangements and restrictions</h2>
      <ul className="facts">
        {open.map((promise) => (
          <li key={promise.promiseId}>
            Open promise {promise.promiseId}: {money(promise.amount, account.currency)} by {businessDate(promise.dueOn)}
          </li>
        ))}
        {account.activePlan && (
          <li>
            Plan {account.activePlan.planId}: {account.activePlan.installments.length} installments, next{' '}
            {account.activePlan.installments[0] && businessDate(account.activePlan.installments[0].dueOn)}
          </li>
        )}
        {account.disputes.map((dispute) => (
          <li key={dispute.disputeId}>
            Dispute {dispute.disputeId}
            {dispute.invoiceId && ` on ${dispute.invoiceId}`}: ({dispute.status})
          </li>
        ))}
        {account.holds
          .filter((hold) => hold.inForce)
          .map((hold) => (
            <li key={hold.holdId}>
              On hold through {businessDate(hold.until)}: {hold.reason}
            </li>
          ))}
        {restrictions.ceaseRequested && <li>The debtor asked that communication cease.</li>}
        {restrictions.blockedChannels.length > 0 && <li>Blocked channels: {restrictions.blockedChannels.join(', ')}</li>}
        {restrictions.hardship && <li>Hardship flagged.</li>}
        {account.lastPayment && (
          <li>
            Last payment {money(account.lastPayment.amount, account.lastPayment.currency)} on {businessDate(account.lastPayment.receivedOn)} (
            {account.lastPayment.method})
          </li>
        )}
      </ul>
      {open.length === 0 && !account.activePlan && account.disputes.length === 0 && <p className="muted">No open promise, plan or dispute.</p>}
    </section>
  );
}
