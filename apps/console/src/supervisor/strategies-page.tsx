import { api, answer } from '../api/client';
import { localDate, money } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { Empty } from '../shared/problem-view';

/** The message templates the strategies send (read-only), and how the champion and challenger strategies collect. */
export function StrategiesPage() {
  return (
    <section aria-labelledby="strategies-title">
      <h1 id="strategies-title">Strategies and templates</h1>
      <ChampionChallenger />
      <Templates />
    </section>
  );
}

export function ChampionChallenger() {
  const { read } = useRead(async () => answer(await api.GET('/kpis', { params: { query: { from: localDate(-90), to: localDate() } } })), []);
  return (
    <section aria-labelledby="arms-title">
      <h2 id="arms-title">Champion vs challenger (last 90 days)</h2>
      <ReadView read={read}>
        {(kpis) =>
          Object.keys(kpis.currencies).length === 0 ? (
            <Empty>No collections in the period yet.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Currency</th>
                  <th scope="col">Champion</th>
                  <th scope="col">Challenger</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(kpis.currencies).map(([currency, figures]) => (
                  <tr key={currency}>
                    <td>{currency}</td>
                    <td>{money(figures.period.workflow.collectedByStrategy.champion, currency)}</td>
                    <td>{money(figures.period.workflow.collectedByStrategy.challenger, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </ReadView>
    </section>
  );
}

function Templates() {
  const { read } = useRead(async () => answer(await api.GET('/templates')).templates, []);
  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title">Templates</h2>
      <ReadView read={read}>
        {(templates) => (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Template</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Language</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Variables</th>
                </tr>
              </thead>
              <tbody>
                {templates.map((t) => (
                  <tr key={`${t.id}-${t.channel}-${t.language}-${t.version}`}>
                    <td>
                      {t.id} v{t.version}
                    </td>
                    <td>{t.channel}</td>
                    <td>{t.language}</td>
                    <td>{t.purpose}</td>
                    <td className="muted">{t.variables.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ReadView>
    </section>
  );
}
