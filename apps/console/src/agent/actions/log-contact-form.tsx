import { useState, type SyntheticEvent } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/openapi';
import { CommandOutcome } from '../../shared/command-outcome';
import { useCommand } from '../../shared/use-command';
import type { ActionProps } from './action-props';
import { Choice } from '../../shared/choice';

type LogContact = components['schemas']['LogContactRequest'];

const channels: LogContact['channel'][] = ['call', 'sms', 'email', 'letter', 'visit'];
const outcomes: LogContact['outcome'][] = ['no_answer', 'left_message', 'right_party_contact', 'wrong_party', 'refused_to_pay', 'not_connected'];
const directions: LogContact['direction'][] = ['outbound', 'inbound'];
const describedDirections: Record<LogContact['direction'], string> = { outbound: 'outbound (we contacted them)', inbound: 'inbound (they contacted us)' };
const label = (code: string) => code.replace(/_/g, ' ');

/** A contact made or attempted; an outbound one is checked against the contact rules at the moment it was made. */
export function LogContactForm({ account, onChange }: ActionProps) {
  const [channel, setChannel] = useState<LogContact['channel']>('call');
  const [direction, setDirection] = useState<LogContact['direction']>('outbound');
  const [outcome, setOutcome] = useState<LogContact['outcome']>('right_party_contact');
  const [when, setWhen] = useState('');
  // The next contact is another one, made now unless said otherwise: it is not checked at this one's instant.
  const command = useCommand(() => {
    setWhen('');
    onChange();
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    // datetime-local is the agent's wall clock: the browser turns it into an instant in the agent's zone.
    const body: LogContact = { channel, direction, outcome, ...(when && { at: new Date(when).toISOString() }) };
    void command.send(
      async () =>
        answer(
          await api.POST('/accounts/{accountId}/contacts', {
            params: { path: { accountId: account.accountId }, header: { 'Idempotency-Key': command.idempotencyKey(body) } },
            body,
          }),
        ),
      `Logged: ${direction} ${channel}, ${label(outcome)}.`,
    );
  };
  return (
    <form onSubmit={submit} aria-label="Log a contact">
      <Choice label="Channel" value={channel} options={channels} onChange={setChannel} />
      <Choice label="Direction" value={direction} options={directions} onChange={setDirection} describe={(d) => describedDirections[d]} />
      <Choice label="Outcome" value={outcome} options={outcomes} onChange={setOutcome} describe={label} />
      <label>
        When (your time; empty for now)
        <input
          type="datetime-local"
          value={when}
          onChange={(e) => {
            setWhen(e.target.value);
          }}
        />
      </label>
      <button type="submit" disabled={command.sending}>
        Log contact
      </button>
      <CommandOutcome outcome={command.outcome} debtorZone={account.debtor.timeZone} />
    </form>
  );
}
