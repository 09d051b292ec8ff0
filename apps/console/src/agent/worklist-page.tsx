import { useState } from 'react';
import { api, answer, sinceLastChange } from '../api/client';
import type { WorklistItem } from '../api/schemas';
import { ReadView } from '../shared/read-view';
import { useRead, type Read } from '../shared/use-read';
import { Empty } from '../shared/problem-view';
import { Choice } from '../shared/choice';
import { WorklistLine } from './worklist-line';

/** The choice meaning "every currency": no `currency` is sent. */
const everyCurrency = '';

/** The agent's worklist: open delinquent accounts, by priority or expected recovery, with why and what to do next. */
export function WorklistPage() {
  const [currency, setCurrency] = useState(everyCurrency);
  const { read, reload } = useRead(
    async () => answer(await api.GET('/worklist', { params: { query: { limit: 25, ...(currency && { currency }), ...sinceLastChange() } } })),
    [currency],
  );
  const currencies = useCurrenciesSeen(read);
  return (
    <section aria-labelledby="worklist-title">
      <div className="title-row">
        <h1 id="worklist-title">Worklist</h1>
        <div className="inline">
          <Choice
            label="Currency"
            value={currency}
            options={[everyCurrency, ...currencies]}
            onChange={setCurrency}
            describe={(option) => (option === everyCurrency ? 'All currencies' : option)}
          />
          <button type="button" onClick={reload}>
            Refresh
          </button>
        </div>
      </div>
      <ReadView read={read}>
        {(worklist) => (
          <>
            <p className="muted">{worklist.order.reason}</p>
            <AcrossCurrencies items={worklist.items} />
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

/**
 * Every currency the worklist has shown lines in, in this visit: the service lists none, and once one is
 * chosen the others would otherwise drop out of the choice.
 */
function useCurrenciesSeen(read: Read<{ items: WorklistItem[] }>): string[] {
  const [seen, setSeen] = useState<string[]>([]);
  const shown = read.state === 'loaded' ? currenciesOf(read.data.items) : [];
  const unseen = shown.filter((currency) => !seen.includes(currency));
  // Set while rendering, as React advises for what earlier renders saw: no render shows the choice without them.
  if (unseen.length > 0) setSeen([...seen, ...unseen].sort());
  return seen;
}

const currenciesOf = (items: WorklistItem[]) => [...new Set(items.flatMap((item) => (item.currency ? [item.currency] : [])))].sort();

/** The order weighs amounts in minor units, which two currencies do not value alike: said when the lines mix them. */
function AcrossCurrencies({ items }: { items: WorklistItem[] }) {
  const currencies = currenciesOf(items);
  if (currencies.length < 2) return null;
  return (
    <p className="warning" role="note">
      These lines are owed in {currencies.join(', ')}: they are ranked across currencies by amounts in minor units (cents, pence…), which do not value them
      alike. Choose a currency to work them one at a time.
    </p>
  );
}
