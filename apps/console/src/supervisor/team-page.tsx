import { useState, type SyntheticEvent } from 'react';
import { answer, api, sinceLastChange } from '../api/client';
import type { ReassignResponse, WorklistItem } from '../api/schemas';
import { asProblem, type Problem } from '../api/problem';
import { money } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { ProblemView } from '../shared/problem-view';
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

type Outcome = { state: 'none' } | { state: 'refused'; problem: Problem } | { state: 'done'; response: ReassignResponse };

function Reassign({ items, onDone }: { items: WorklistItem[]; onDone: () => void }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [agentId, setAgentId] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'none' });
  const toggle = (accountId: string) => {
    const next = new Set(selected);
    if (!next.delete(accountId)) next.add(accountId);
    setSelected(next);
  };
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    try {
      // One key per submission: a retry of it (a lost answer) assigns nothing twice.
      const headers = { 'Idempotency-Key': crypto.randomUUID() };
      const response = answer(await api.POST('/team/reassign', { body: { accountIds: [...selected], agentId }, headers }));
      setOutcome({ state: 'done', response });
      setSelected(new Set());
      onDone();
    } catch (error) {
      setOutcome({ state: 'refused', problem: asProblem(error) });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="reassign-title">
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
        <button type="submit" disabled={selected.size === 0}>
          Reassign {selected.size} selected
        </button>
      </div>
      {outcome.state === 'refused' && <ProblemView problem={outcome.problem} />}
      {outcome.state === 'done' && <Outcomes response={outcome.response} />}
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
