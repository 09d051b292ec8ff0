import { answer, api, sinceLastChange } from '../api/client';
import type { WorklistItem } from '../api/schemas';
import { businessDate, instant, money } from '../shared/format';
import { Link } from '../shared/router';
import { CommandOutcome } from '../shared/command-outcome';
import { useRead } from '../shared/use-read';
import { expectedRecoveryText, likelihood, ScoreReasons } from './propensity';
import { useClaim } from './use-claim';

const scorePart = (name: string) => name.replace(/([A-Z])/g, ' $1').toLowerCase();

export function WorklistLine({ item, rank, asOf, onChange }: { item: WorklistItem; rank: number; asOf: string; onChange: () => void }) {
  const { claim, outcome, sending, mine } = useClaim(item.accountId, item.claim?.agentId, onChange);
  return (
    <tr data-account={item.accountId}>
      <td>{rank}</td>
      <td>
        <Link to={`/accounts/${encodeURIComponent(item.accountId)}`}>{item.accountId}</Link>
        <div className="muted">{item.creditorId}</div>
        {item.pendingCreditApprovals.length > 0 && (
          <div>
            <strong>Awaiting credit approval:</strong> {item.pendingCreditApprovals.join(', ')}
          </div>
        )}
      </td>
      <td>
        {money(item.overdueAmount, item.currency)}
        <div className="muted">
          {item.daysPastDue} days · {item.agingBucket}
        </div>
      </td>
      <td>
        <strong>{item.score.total.toFixed(1)}</strong>
        <div className="muted">
          {Object.entries(item.score.parts)
            .filter(([, value]) => value !== 0)
            .map(([name, value]) => `${scorePart(name)} ${value.toFixed(1)}`)
            .join(' · ')}
        </div>
      </td>
      <td>
        {item.propensity && item.expectedRecovery ? (
          <>
            <strong>{likelihood(item.propensity)}</strong>
            <div className="muted">{expectedRecoveryText(item.expectedRecovery, item.currency)}</div>
            <details>
              <summary>Why</summary>
              <ScoreReasons score={item.propensity} limit={4} />
            </details>
          </>
        ) : (
          <span className="muted">Not scored</span>
        )}
      </td>
      <td>
        {item.contact.contactableNow ? 'Now' : item.contact.nextCallAllowedAt ? `From ${instant(item.contact.nextCallAllowedAt)}` : 'Not now (see the account)'}
      </td>
      <td>{item.nextAction.reason}</td>
      <td>
        <OpenPromise accountId={item.accountId} currency={item.currency} asOf={asOf} />
      </td>
      <td>
        {item.claim ? (
          <span>
            {mine ? 'Yours' : item.claim.agentId} until {instant(item.claim.until)}
          </span>
        ) : (
          <button type="button" onClick={() => void claim()} disabled={sending} aria-label={`Claim ${item.accountId}`}>
            Claim
          </button>
        )}
        <CommandOutcome outcome={outcome} />
      </td>
    </tr>
  );
}

/** The line's open promise, from the account read: the worklist does not carry it. */
function OpenPromise({ accountId, currency, asOf }: { accountId: string; currency: string | null; asOf: string }) {
  const { read } = useRead(
    async () => answer(await api.GET('/accounts/{accountId}', { params: { path: { accountId }, query: sinceLastChange() } })),
    [accountId, asOf],
  );
  if (read.state !== 'loaded') return <span className="muted">…</span>;
  return <PromiseText promise={read.data.promises.find((promise) => promise.status === 'open') ?? null} currency={currency} />;
}

function PromiseText({ promise, currency }: { promise: { amount: number; dueOn: string } | null; currency: string | null }) {
  if (!promise) return <span className="muted">None</span>;
  return (
    <span className="promise">
      {money(promise.amount, currency)} by {businessDate(promise.dueOn)}
    </span>
  );
}
