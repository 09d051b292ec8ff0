import type { AccountRead } from '../api/reads';
import { instant } from '../shared/format';
import { AllowedFrom } from '../shared/problem-view';

/** "May I call now?": yes, or why not and from when, in the agent's zone and the debtor's. */
export function CallNow({ account }: { account: AccountRead }) {
  const { contact, debtor } = account;
  return (
    <section aria-labelledby="call-now-title" className={contact.contactableNow ? 'call-now yes' : 'call-now no'}>
      <h2 id="call-now-title">May I call now?</h2>
      {contact.contactableNow ? (
        <p>
          <strong>Yes.</strong> It is {instant(new Date().toISOString(), debtor.timeZone)} for the debtor.
        </p>
      ) : (
        <>
          <p>
            <strong>Not now.</strong>
          </p>
          {contact.refusals?.map((refusal) => (
            <p key={refusal.code}>
              <code>{refusal.code}</code> {refusal.message}
            </p>
          ))}
          <AllowedFrom at={contact.nextCallAllowedAt} debtorZone={debtor.timeZone} />
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
