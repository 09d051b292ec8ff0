import { useState, type SyntheticEvent } from 'react';
import { answer, api, sinceLastChange } from '../api/client';
import type { WorklistItem } from '../api/schemas';
import { asProblem, type Problem } from '../api/problem';
import { money } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { Empty, ProblemView } from '../shared/problem-view';
import { Link } from '../shared/router';
import { TeamFigures } from './team-figures';

/** The team's claims on the worklist, and reassigning accounts in bulk to an agent. */
export function TeamPage() {
  const { read, reload } = useRead(async () => answer(await api.GET('/worklist', { params: { query: { limit: 100, ...sinceLastChange() } } })), []);
  return (
    <section aria-labelledby="team-title">
      <h1 id="team-title">Team</h1>
      <ReadView read={read}>
        {(worklist) => (
          <>
            <TeamFigures creditors={[...new Set(worklist.items.map((item) => item.creditorId))]} />
            <ClaimsPerAgent items={worklist.items} />
            <Reassign items={worklist.items} onDone={reload} />
          </>
        )}
      </ReadView>
    </section>
  );
}

function ClaimsPerAgent({ items }: { items: WorklistItem[] }) {
  const byAgent = new Map<string, number>();
  for (const item of items) if (item.claim) byAgent.set(item.claim.agentId, (byAgent.get(item.claim.agentId) ?? 0) + 1);
  return (
    <section aria-labelledby="claims-title">
      <h2 id="claims-title">Claims per agent</h2>
      {byAgent.size === 0 ? (
        <Empty>No account on the worklist is claimed.</Empty>
      ) : (
        <ul className="facts">
          {[...byAgent].map(([agent, count]) => (
            <li key={agent}>
              {agent}: {count} account{count === 1 ? '' : 's'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Reassign({ items, onDone }: { items: WorklistItem[]; onDone: () => void }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [agentId, setAgentId] = useState('');
  const [results, setResults] = useState<{ accountId: string; problem: Problem | null }[]>([]);
  const toggle = (accountId: string) => {
    const next = new Set(selected);
    if (!next.delete(accountId)) next.add(accountId);
    setSelected(next);
  };
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const done = [];
    // One claim each, in the named agent's name: a supervisor may claim for another agent.
    for (const accountId of selected) {
      try {
        answer(await api.POST('/worklist/{accountId}/claim', { params: { path: { accountId } }, body: { agentId } }));
        done.push({ accountId, problem: null });
      } catch (error) {
        done.push({ accountId, problem: asProblem(error) });
      }
    }
    setResults(done);
    setSelected(new Set());
    onDone();
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
              <th scope="col">Agent</th>
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
                <td className="agent">{item.claim?.agentId ?? '—'}</td>
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
      {results.map(({ accountId, problem }) =>
        problem ? (
          <div key={accountId}>
            {accountId}: <ProblemView problem={problem} />
          </div>
        ) : (
          <p key={accountId} role="status">
            {accountId} → {agentId}
          </p>
        ),
      )}
    </form>
  );
}
