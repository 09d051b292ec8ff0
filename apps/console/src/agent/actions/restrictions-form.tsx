import { useState } from 'react';
import { answer, api } from '../../api/client';
import { CommandOutcome } from '../../shared/command-outcome';
import { useCommand } from '../../shared/use-command';
import type { ActionProps } from './action-props';
import { Choice } from '../../shared/choice';

const blockable = ['call', 'sms', 'email', 'letter', 'visit'];

/** The debtor's requests that limit contact: stop all communication, or stop one channel. */
export function RestrictionsForm({ account, onChange }: ActionProps) {
  const [channel, setChannel] = useState('call');
  const command = useCommand(onChange);
  const path = { accountId: account.accountId };
  const cease = () => {
    if (!window.confirm('Record that the debtor asked that all communication cease?')) return;
    const header = { 'Idempotency-Key': command.idempotencyKey('cease') };
    void command.send(
      async () => answer(await api.POST('/accounts/{accountId}/cease', { params: { path, header } })),
      'Cease recorded: no further communication.',
    );
  };
  const block = () => {
    const header = { 'Idempotency-Key': command.idempotencyKey({ block: channel }) };
    void command.send(
      async () => answer(await api.POST('/accounts/{accountId}/channels/{channel}/block', { params: { path: { ...path, channel }, header } })),
      `No more contact by ${channel}.`,
    );
  };
  return (
    <div aria-label="Restrict contact" role="group">
      <div className="inline">
        <Choice label="Channel the debtor asked us not to use" value={channel} options={blockable} onChange={setChannel} />
        <button type="button" onClick={block} disabled={command.sending || account.restrictions.blockedChannels.some((blocked) => blocked === channel)}>
          Block channel
        </button>
      </div>
      <p>
        <button type="button" className="danger" onClick={cease} disabled={command.sending || account.restrictions.ceaseRequested}>
          Debtor asked that communication cease
        </button>
      </p>
      <CommandOutcome outcome={command.outcome} />
    </div>
  );
}
