import { Figures } from '../shared/figures';
import { answer, api, sinceLastChange } from '../api/client';
import type { AccountRead } from '../api/schemas';
import { money } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { CommandOutcome } from '../shared/command-outcome';
import { CallNow } from './call-now';
import { InvoicesTable } from './invoices-table';
import { Arrangements } from './arrangements';
import { Timeline } from './timeline';
import { AccountActions } from './actions/account-actions';
import { expectedRecoveryText, likelihood, ScoreReasons } from './propensity';
import { useClaim } from './use-claim';

/** One account for the agent working it: what is owed, may I call now, what was agreed, what happened, and what to record. */
export function AccountPage({ accountId }: { accountId: string }) {
  const { read, reload } = useRead(
    async () => answer(await api.GET('/accounts/{accountId}', { params: { path: { accountId }, query: sinceLastChange() } })),
    [accountId],
  );
  return (
    <ReadView read={read}>
      {(account) => (
        <article className="account" aria-labelledby="account-title">
          <AccountHeader account={account} onChange={reload} />
          <div className="columns">
            <div>
              <CallNow account={account} />
              <Balances account={account} />
              <Propensity account={account} />
              <InvoicesTable account={account} />
              <Arrangements account={account} />
            </div>
            <div>
              <AccountActions account={account} onChange={reload} />
            </div>
          </div>
          <Timeline accountId={account.accountId} version={account.asOf} />
        </article>
      )}
    </ReadView>
  );
}

function AccountHeader({ account, onChange }: { account: AccountRead; onChange: () => void }) {
  const { claim, outcome, sending, mine } = useClaim(account.accountId, account.claim?.agentId, onChange);
  return (
    <header className="account-header">
      <h1 id="account-title">
        {account.debtor.name ?? account.debtor.reference} <span className="muted">· {account.accountId}</span>
      </h1>
      <p className="muted">
        Creditor {account.creditorId} · debtor {account.debtor.reference} · {account.debtor.timeZone}
        {account.debtor.phone && <> · {account.debtor.phone}</>} · {account.status}
      </p>
      <p>
        {account.claim ? (
          <span>Claimed by {mine ? 'you' : account.claim.agentId}</span>
        ) : (
          <button type="button" onClick={() => void claim()} disabled={sending}>
            Claim this account
          </button>
        )}
      </p>
      <CommandOutcome outcome={outcome} />
    </header>
  );
}

function Balances({ account }: { account: AccountRead }) {
  return (
    <section aria-labelledby="balances-title">
      <h2 id="balances-title">Balances</h2>
      <Figures
        figures={[
          ['Owed', money(account.balances.total, account.currency)],
          ['Overdue', money(account.balances.overdue, account.currency)],
          ['Credit', money(account.balances.credit, account.currency)],
          ['Days past due', `${account.daysPastDue} (${account.agingBucket})`],
        ]}
      />
    </section>
  );
}

/** The behaviour score: how likely the account is to pay, why, and what working it now is expected to recover. */
function Propensity({ account }: { account: AccountRead }) {
  const { propensity, expectedRecovery } = account;
  return (
    <section aria-labelledby="propensity-title">
      <h2 id="propensity-title">Propensity to pay</h2>
      {propensity && expectedRecovery ? (
        <>
          <p>
            <strong>{likelihood(propensity)}</strong>
          </p>
          <p>Expected recovery: {expectedRecoveryText(expectedRecovery, account.currency)}</p>
          <ScoreReasons score={propensity} />
        </>
      ) : (
        <p className="muted">Not scored: no score model is in use, or the account has not been scored since one was.</p>
      )}
    </section>
  );
}
