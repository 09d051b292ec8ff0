import type { AccountRead, PaymentPlan } from '../api/schemas';
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
        {account.activePlan && <PlanLine plan={account.activePlan} currency={account.currency} />}
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

/** The plan and its next installment: the first not fully paid, with what is left of it. */
function PlanLine({ plan, currency }: { plan: PaymentPlan; currency: string | null }) {
  const next = plan.installments.find((installment) => installment.paid < installment.amount);
  return (
    <li>
      Plan {plan.planId}: {plan.installments.length} installments,{' '}
      {next ? (
        <>
          next #{next.number} due {businessDate(next.dueOn)}: {money(next.amount - next.paid, currency)}
          {next.paid > 0 && <> left of {money(next.amount, currency)}</>}
          {next.missed && ' (missed)'}
        </>
      ) : (
        'all paid'
      )}
    </li>
  );
}
