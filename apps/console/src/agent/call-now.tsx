import { useEffect } from 'react';
import { answer, api, sinceLastChange } from '../api/client';
import type { ContactRules } from '../api/schemas';
import type { AccountRead } from '../api/schemas';
import { instant } from '../shared/format';
import { AllowedFrom } from '../shared/problem-view';
import { useRead } from '../shared/use-read';
import { atInstant } from '../shared/at-instant';
import type { Problem } from '../api/problem';

/** How often the answer is checked again while the page is open: the debtor's clock moves on (past 21:00, say). */
const recheckEveryMs = 60_000;
/** Past the next allowed instant, so that the service's clock has reached it too. */
const clockMarginMs = 1_000;

/** "May I call now?": yes, or each rule refusing and from when, in the agent's zone and the debtor's; and when that was checked. */
export function CallNow({ account }: { account: AccountRead }) {
  const { contact, debtor } = account;
  const { rules, unchecked } = useContactRules(account);
  if (unchecked) return <NotChecked problem={unchecked} />;
  const allowedNow = rules?.allowedNow ?? contact.contactableNow;
  const checkedAt = rules?.asOf ?? account.asOf;
  return (
    <section aria-labelledby="call-now-title" className={allowedNow ? 'call-now yes' : 'call-now no'}>
      <h2 id="call-now-title">May I call now?</h2>
      {allowedNow ? (
        <p>
          <strong>Yes.</strong> It is {instant(checkedAt, debtor.timeZone)} for the debtor.
        </p>
      ) : (
        <>
          <p>
            <strong>Not now.</strong>
          </p>
          {rules?.refusals.map((refusal) => (
            <p key={refusal.code}>
              <code>{refusal.code}</code> {refusal.message}
            </p>
          ))}
          <AllowedFrom at={rules ? rules.nextAllowedAt : contact.nextCallAllowedAt} debtorZone={debtor.timeZone} />
        </>
      )}
      <p className="muted">
        Checked <time dateTime={checkedAt}>{instant(checkedAt)}</time>, and again every minute.
      </p>
      <p className="muted">
        Calls in the last 7 days: {contact.callsInWindow} of {contact.maxCallsInWindow}
        {contact.lastContact && (
          <>
            {' '}
            · last contact {instant(contact.lastContact.at)} by {contact.lastContact.channel} ({contact.lastContact.outcome.replace(/_/g, ' ')})
          </>
        )}
      </p>
    </section>
  );
}

/** The check failed: an answer of minutes ago may no longer hold (the debtor's evening ends), so none is given. */
function NotChecked({ problem }: { problem: Problem }) {
  return (
    <section aria-labelledby="call-now-title" className="call-now no">
      <h2 id="call-now-title">May I call now?</h2>
      <p>
        <strong>Not known.</strong> The rules could not be checked just now (<code>{problem.code}</code>): do not call until they answer.
      </p>
    </section>
  );
}

/**
 * Each rule refusing a call now, from the contact-status read, checked again every minute, when the agent
 * comes back to the window, and as soon as the next allowed instant passes; null until it first answers
 * (the account's own summary stands meanwhile).
 */
function useContactRules(account: AccountRead): { rules: ContactRules | null; unchecked: Problem | null } {
  const { read, reload } = useRead(
    async () =>
      answer(
        await api.GET('/accounts/{accountId}/contact-status', {
          params: { path: { accountId: account.accountId }, query: { channel: 'call', ...sinceLastChange() } },
        }),
      ),
    [account.accountId, account.asOf],
  );
  const rules = read.state === 'loaded' ? read.data : null;
  const unchecked = read.state === 'failed' ? read.problem : read.state === 'loaded' ? read.reloadFailed : null;
  useEffect(() => {
    const timer = setInterval(reload, recheckEveryMs);
    window.addEventListener('focus', reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', reload);
    };
  }, [reload]);
  // While calling is allowed, nextAllowedAt is the instant asked about: only a refusal's end is worth waiting for.
  const refusedUntil = rules && !rules.allowedNow ? rules.nextAllowedAt : null;
  useEffect(() => (refusedUntil === null ? undefined : atInstant(Date.parse(refusedUntil) + clockMarginMs, reload)), [refusedUntil, reload]);
  return { rules, unchecked };
}
