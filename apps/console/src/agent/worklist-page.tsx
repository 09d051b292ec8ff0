import { api, answer, sinceLastChange } from '../api/client';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { Empty } from '../shared/problem-view';
import { WorklistLine } from './worklist-line';

/** The agent's worklist: open delinquent accounts, by priority or expected recovery, with why and what to do next. */
export function WorklistPage() {
  const { read, reload } = useRead(async () => answer(await api.GET('/worklist', { params: { query: { limit: 25, ...sinceLastChange() } } })), []);
  return (
    <section aria-labelledby="worklist-title">
      <div className="title-row">
        <h1 id="worklist-title">Worklist</h1>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <ReadView read={read}>
        {(worklist) => (
          <>
            <p className="muted">{worklist.order.reason}</p>
            {worklist.items.length === 0 ? (
              <Empty>No delinquent account is waiting. New ones appear here once an invoice is past due.</Empty>
            ) : (
              <div className="table-scroll">
                <table className="worklist">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">Account</th>
                      <th scope="col">Overdue</th>
                      <th scope="col">Priority (why)</th>
                      <th scope="col">Likely to pay (why)</th>
                      <th scope="col">Call</th>
                      <th scope="col">Next action</th>
                      <th scope="col">Open promise</th>
                      <th scope="col">Claim</th>
                    </tr>
                  </thead>
                  <tbody>
                    {worklist.items.map((item, index) => (
                      <WorklistLine key={item.accountId} item={item} rank={index + 1} asOf={worklist.asOf} onChange={reload} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </ReadView>
    </section>
  );
}
