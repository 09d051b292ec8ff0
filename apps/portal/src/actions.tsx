import { Field } from './field';
import { useState, type SyntheticEvent, type ReactNode } from 'react';
import { minorUnits } from '../../console/src/shared/format';
import { answer, api, newId, type PortalAccount } from './api';
import { Feedback, useAction } from './feedback';
import type { Words } from './words';

type Channel = 'email' | 'sms' | 'call' | 'letter';

/** One action, folded away until the debtor opens it. */
function Action({ id, title, help, children }: { id: string; title: string; help: string; children: ReactNode }) {
  return (
    <details className="card" id={id}>
      <summary>{title}</summary>
      <p>{help}</p>
      {children}
    </details>
  );
}

/** What else the debtor can do: promise, dispute, ask for the original creditor, stop a channel, say when to call. */
export function Actions({ account, words, onChange }: { account: PortalAccount; words: Words; onChange: () => void }) {
  return (
    <section aria-label={words.title}>
      <PromiseForm account={account} words={words} onChange={onChange} />
      <DisputeForm account={account} words={words} onChange={onChange} />
      <OriginalCreditor words={words} onChange={onChange} />
      <OptOut account={account} words={words} onChange={onChange} />
      <ContactTimes words={words} onChange={onChange} />
    </section>
  );
}

function PromiseForm({ account, words, onChange }: { account: PortalAccount; words: Words; onChange: () => void }) {
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [outcome, run] = useAction(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    // An amount that does not read as money is sent as -1, for the service to refuse with its own words.
    const minor = minorUnits(amount, account.currency) ?? -1;
    void run(async () =>
      answer(await api.POST('/portal/api/promises', { body: { promiseId: newId('promise'), amount: minor, currency: account.currency, dueOn } })),
    );
  };
  return (
    <Action id="promise" title={words.promise} help={words.promiseHelp}>
      <form onSubmit={submit}>
        <Field id="promise-amount" label={`${words.amount} (${account.currency})`} inputMode="decimal" required value={amount} onChange={setAmount} />
        <Field id="promise-date" label={words.date} type="date" required value={dueOn} onChange={setDueOn} />
        <button type="submit">{words.send}</button>
      </form>
      <Feedback outcome={outcome} words={words} />
    </Action>
  );
}

function DisputeForm({ account, words, onChange }: { account: PortalAccount; words: Words; onChange: () => void }) {
  const [reason, setReason] = useState('');
  const [invoiceId, setInvoiceId] = useState('');
  const [attachmentRef, setAttachmentRef] = useState('');
  const [outcome, run] = useAction(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = { disputeId: newId('dispute'), reason, ...(invoiceId && { invoiceId }), ...(attachmentRef && { attachmentRef }) };
    void run(async () => answer(await api.POST('/portal/api/disputes', { body })));
  };
  return (
    <Action id="dispute" title={words.dispute} help={words.disputeHelp}>
      <form onSubmit={submit}>
        <label htmlFor="dispute-invoice">{words.whichInvoice}</label>
        <select
          id="dispute-invoice"
          value={invoiceId}
          onChange={(e) => {
            setInvoiceId(e.target.value);
          }}
        >
          <option value="">{words.wholeAccount}</option>
          {account.invoices.map((invoice) => (
            <option key={invoice.invoiceId} value={invoice.invoiceId}>
              {invoice.invoiceId}
            </option>
          ))}
        </select>
        <label htmlFor="dispute-reason">{words.reason}</label>
        <textarea
          id="dispute-reason"
          required
          maxLength={1000}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
        <Field id="dispute-attachment" label={words.attachment} maxLength={500} value={attachmentRef} onChange={setAttachmentRef} />
        <button type="submit">{words.send}</button>
      </form>
      <Feedback outcome={outcome} words={words} />
    </Action>
  );
}

function OriginalCreditor({ words, onChange }: { words: Words; onChange: () => void }) {
  const [outcome, run] = useAction(onChange);
  const ask = () => void run(async () => answer(await api.POST('/portal/api/original-creditor-requests', { body: { requestId: newId('request') } })));
  return (
    <Action id="original-creditor" title={words.originalCreditor} help={words.originalCreditorHelp}>
      <button type="button" onClick={ask}>
        {words.ask}
      </button>
      <Feedback outcome={outcome} words={words} />
    </Action>
  );
}

function OptOut({ account, words, onChange }: { account: PortalAccount; words: Words; onChange: () => void }) {
  const [channel, setChannel] = useState<Channel>('email');
  const [outcome, run] = useAction(onChange);
  const blocked = account.blockedChannels.includes(channel);
  const stop = () => void run(async () => answer(await api.POST('/portal/api/channels/{channel}/opt-out', { params: { path: { channel } } })));
  return (
    <Action id="opt-out" title={words.optOut} help={words.optOutHelp}>
      <label htmlFor="opt-out-channel">{words.channel}</label>
      <select
        id="opt-out-channel"
        value={channel}
        onChange={(e) => {
          setChannel(e.target.value as Channel);
        }}
      >
        {(['email', 'sms', 'call', 'letter'] as const).map((option) => (
          <option key={option} value={option}>
            {words.channels[option]}
            {account.blockedChannels.includes(option) ? ` (${words.stopped})` : ''}
          </option>
        ))}
      </select>
      <button type="button" onClick={stop} disabled={blocked}>
        {blocked ? words.stopped : words.stop}
      </button>
      <Feedback outcome={outcome} words={words} />
    </Action>
  );
}

function ContactTimes({ words, onChange }: { words: Words; onChange: () => void }) {
  const [from, setFrom] = useState('18:00');
  const [to, setTo] = useState('20:00');
  const [outcome, run] = useAction(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => answer(await api.POST('/portal/api/preferred-contact-time', { body: { from, to } })));
  };
  return (
    <Action id="contact-times" title={words.contactTimes} help="">
      <form onSubmit={submit}>
        <Field id="contact-from" label={words.from} type="time" required value={from} onChange={setFrom} />
        <Field id="contact-to" label={words.to} type="time" required value={to} onChange={setTo} />
        <button type="submit">{words.save}</button>
      </form>
      <Feedback outcome={outcome} words={words} />
    </Action>
  );
}
