import { useState, type SyntheticEvent } from 'react';
import { answer, api, sinceLastChange } from '../api/client';
import type { ReassignResponse, WorklistItem } from '../api/schemas';
import { money } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { useCommand } from '../shared/use-command';
import { CommandOutcome } from '../shared/command-outcome';
import { Link } from '../shared/router';
import { TeamFigures } from './team-figures';

/** The team's day per agent, and reassigning accounts on the worklist in bulk to an agent. */
export function TeamPage() {
  const { read, reload } = useRead(async () => answer(await api.GET('/worklist', { params: { query: { limit: 100, ...sinceLastChange() } } })), []);
  return (
    <section aria-labelledby="team-title">
      <h1 id="team-title">Team</h1>
      <ReadView read={read}>
        {(worklist) => (
          <>
            <TeamFigures creditors={[...new Set(worklist.items.map((item) => item.creditorId))]} version={worklist.asOf} />
            <Reassign items={worklist.items} onDone={reload} />
          </>
        )}
      </ReadView>
    </section>
  );
}

function Reassign({ items, onDone }: { items: WorklistItem[]; onDone: () => void }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [agentId, setAgentId] = useState('');
  const [reassigned, setReassigned] = useState<ReassignResponse | null>(null);
  const command = useCommand(() => {
    setSelected(new Set());
    onDone();
  });
  const toggle = (accountId: string) => {
    const next = new Set(selected);
    if (!next.delete(accountId)) next.add(accountId);
    setSelected(next);
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = { accountIds: [...selected], agentId };
    void command.send(async () => {
      setReassigned(null);
      const header = { 'Idempotency-Key': command.idempotencyKey(body) };
      setReassigned(answer(await api.POST('/team/reassign', { body, params: { header } })));
    }, 'Reassigned.');
  };
  return (
    <form onSubmit={submit} aria-labelledby="reassign-title">
      <h2 id="reassign-title">Reassign</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Select</th>
              <th scope="col">Account</th>
              <th scope="col">Overdue</th>
              <th scope="col">Assigned to</th>
              <th scope="col">Claimed by</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.accountId} data-account={item.accountId}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${item.accountId}`}
                    checked={selected.has(item.accountId)}
                    onChange={() => {
                      toggle(item.accountId);
                    }}
                  />
                </td>
                <td>
                  <Link to={`/accounts/${encodeURIComponent(item.accountId)}`}>{item.accountId}</Link>
                </td>
                <td>{money(item.overdueAmount, item.currency)}</td>
                <td className="agent">{item.assignedAgentId ?? '—'}</td>
                <td>{item.claim?.agentId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="inline">
        <label>
          To agent
          <input
            value={agentId}
            onChange={(e) => {
              setAgentId(e.target.value);
            }}
            pattern="[A-Za-z0-9._\-]{1,64}"
            required
          />
        </label>
        <button type="submit" disabled={command.sending || selected.size === 0}>
          Reassign {selected.size} selected
        </button>
      </div>
      {command.outcome.state === 'refused' && <CommandOutcome outcome={command.outcome} />}
      {reassigned && <Outcomes response={reassigned} />}
    </form>
  );
}

/** Each account's outcome: assigned, or the refusal the single assign route would have answered. */
function Outcomes({ response }: { response: ReassignResponse }) {
  const refused = response.results.filter((result) => result.status !== 200);
  return (
    <div role={refused.length ? 'alert' : 'status'}>
      <ul className="facts" aria-label="Reassignment outcomes">
        {response.results.map((result) => (
          <li key={result.accountId}>
            {result.status === 200
              ? `${result.accountId} → ${response.agentId}`
              : `${result.accountId} not reassigned: ${result.code ?? result.status} — ${result.detail ?? ''}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
