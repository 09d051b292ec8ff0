import { answer, api, sinceLastChange } from '../api/client';
import type { ContactRules } from '../api/schemas';
import type { AccountRead } from '../api/schemas';
import { instant } from '../shared/format';
import { AllowedFrom } from '../shared/problem-view';
import { useRead } from '../shared/use-read';

/** "May I call now?": yes, or each rule refusing and from when, in the agent's zone and the debtor's. */
export function CallNow({ account }: { account: AccountRead }) {
  const { contact, debtor } = account;
  const rules = useContactRules(account);
  const allowedNow = rules?.allowedNow ?? contact.contactableNow;
  return (
    <section aria-labelledby="call-now-title" className={allowedNow ? 'call-now yes' : 'call-now no'}>
      <h2 id="call-now-title">May I call now?</h2>
      {allowedNow ? (
        <p>
          <strong>Yes.</strong> It is {instant(new Date().toISOString(), debtor.timeZone)} for the debtor.
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

/** Each rule refusing a call now, from the contact-status read; null where the service has no such read (the account's own summary stands). */
function useContactRules(account: AccountRead): ContactRules | null {
  const { read } = useRead(
    async () =>
      answer(
        await api.GET('/accounts/{accountId}/contact-status', {
          params: { path: { accountId: account.accountId }, query: { channel: 'call', ...sinceLastChange() } },
        }),
      ),
    [account.accountId, account.asOf],
  );
  return read.state === 'loaded' ? read.data : null;
}
