import { useState } from 'react';
import { api, answer } from '../api/client';
import type { KpiCurrency } from '../api/schemas';
import { localDate, money, percent } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { Empty } from '../shared/problem-view';
import { AgingChart, DaysChart, RatesChart, RollRates, StrategyArms } from './kpi-charts';
import { CsvDownload } from './csv-download';
import type { KpiQuery } from './kpi-query';
import { Choice } from '../shared/choice';

/** The analyst's KPIs at a glance, for a period, a creditor (or the portfolio) and a currency. */
export function DashboardPage() {
  const [query, setQuery] = useState<KpiQuery>({ from: localDate(-90), to: localDate() });
  const [currency, setCurrency] = useState<string | null>(null);
  const { read } = useRead(async () => answer(await api.GET('/kpis', { params: { query } })), [query.from, query.to, query.creditorId]);
  return (
    <section aria-labelledby="kpi-title">
      <h1 id="kpi-title">KPIs</h1>
      <Pickers query={query} onChange={setQuery} />
      <ReadView read={read}>
        {(kpis) => {
          const currencies = Object.keys(kpis.currencies);
          const shown = currency && currencies.includes(currency) ? currency : currencies[0];
          const figures = shown ? kpis.currencies[shown] : undefined;
          return (
            <>
              <div className="inline">
                <Choice label="Currency" value={shown ?? ''} options={currencies} onChange={setCurrency} disabled={currencies.length === 0} />
                <CsvDownload query={query} />
              </div>
              {figures && shown ? <Figures figures={figures} currency={shown} scope={kpis.scope} /> : <Empty>No figures for this period and scope yet.</Empty>}
            </>
          );
        }}
      </ReadView>
    </section>
  );
}

function Pickers({ query, onChange }: { query: KpiQuery; onChange: (query: KpiQuery) => void }) {
  const [creditor, setCreditor] = useState(query.creditorId ?? '');
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        const period = { from: query.from, to: query.to };
        onChange(creditor.trim() ? { ...period, creditorId: creditor.trim() } : period);
      }}
      aria-label="Period and scope"
    >
      <label>
        From
        <input
          type="date"
          value={query.from}
          max={query.to}
          onChange={(e) => {
            if (e.target.value) onChange({ ...query, from: e.target.value });
          }}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={query.to}
          min={query.from}
          onChange={(e) => {
            if (e.target.value) onChange({ ...query, to: e.target.value });
          }}
        />
      </label>
      <label>
        Creditor (empty: the portfolio)
        <input
          value={creditor}
          onChange={(e) => {
            setCreditor(e.target.value);
          }}
        />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

function Figures({ figures, currency, scope }: { figures: KpiCurrency; currency: string; scope: string }) {
  const { period } = figures;
  return (
    <>
      <dl className="figures" aria-label={`Period figures for ${scope}`}>
        <div>
          <dt>Collected</dt>
          <dd>{money(period.collected, currency)}</dd>
        </div>
        <div>
          <dt>CEI</dt>
          <dd>{percent(period.cei)}</dd>
        </div>
        <div>
          <dt>Cure rate</dt>
          <dd>{percent(period.cureRate)}</dd>
        </div>
        <div>
          <dt>Promises kept</dt>
          <dd>
            {percent(period.workflow.promises.keptRate)} ({period.workflow.promises.kept} of {period.workflow.promises.kept + period.workflow.promises.broken})
          </dd>
        </div>
      </dl>
      <div className="charts">
        <figure>
          <figcaption>Aging over time</figcaption>
          <AgingChart figures={figures} currency={currency} />
        </figure>
        <figure>
          <figcaption>DSO, Best Possible DSO, ADD</figcaption>
          <DaysChart figures={figures} />
        </figure>
        <figure>
          <figcaption>CEI and cure rate</figcaption>
          <RatesChart figures={figures} />
        </figure>
        <figure>
          <figcaption>Collected per strategy arm</figcaption>
          <StrategyArms figures={figures} currency={currency} />
        </figure>
      </div>
      <RollRates figures={figures} />
    </>
  );
}
