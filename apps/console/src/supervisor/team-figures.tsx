import { useState } from 'react';
import { answer, api, sinceLastChange } from '../api/client';
import { businessDate } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { Empty } from '../shared/problem-view';
import { Choice } from '../shared/choice';

/** Per agent, for one creditor's business day: claims now, assignments, contacts logged, promises taken and kept. */
/** `version` changes when the team changed (a reassignment): the figures are read again. */
export function TeamFigures({ creditors, version }: { creditors: string[]; version: string }) {
  const [creditorId, setCreditorId] = useState(creditors[0] ?? '');
  return (
    <section aria-labelledby="team-figures-title">
      <h2 id="team-figures-title">Today per agent</h2>
      <Choice label="Creditor" value={creditorId} options={creditors} onChange={setCreditorId} disabled={creditors.length === 0} />
      {creditorId ? <TeamTable creditorId={creditorId} version={version} /> : <Empty>No creditor has accounts on the worklist.</Empty>}
    </section>
  );
}

function TeamTable({ creditorId, version }: { creditorId: string; version: string }) {
  const { read } = useRead(async () => answer(await api.GET('/team', { params: { query: { creditorId, ...sinceLastChange() } } })), [creditorId, version]);
  return (
    <ReadView read={read}>
      {(team) =>
        team.agents.length === 0 ? (
          <Empty>No agent has claims, assignments or activity today.</Empty>
        ) : (
          <table>
            <caption>
              {businessDate(team.date)} ({team.timeZone})
            </caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Claimed now</th>
                <th scope="col">Assigned</th>
                <th scope="col">Contacts</th>
                <th scope="col">Promises taken</th>
                <th scope="col">Kept</th>
                <th scope="col">Broken</th>
              </tr>
            </thead>
            <tbody>
              {team.agents.map((agent) => (
                <tr key={agent.agentId}>
                  <td>{agent.agentId}</td>
                  <td>{agent.claimedNow}</td>
                  <td>{agent.assigned}</td>
                  <td>{agent.contacts}</td>
                  <td>{agent.promisesTaken}</td>
                  <td>{agent.promisesKept}</td>
                  <td>{agent.promisesBroken}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </ReadView>
  );
}
