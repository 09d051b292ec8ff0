import type { KpiCurrency } from '../api/schemas';
import { money, percent } from '../shared/format';
import { Chart, type ChartOption } from './chart';

const agingBuckets = ['current', '1-30', '31-60', '61-90', '91-120', '120+'] as const;
const axisOf = (figures: KpiCurrency) => ({ type: 'category' as const, data: figures.series.map((day) => day.date) });
const lines = (named: Record<string, (number | null)[]>) =>
  Object.entries(named).map(([name, data]) => ({ name, type: 'line' as const, data, connectNulls: true, showSymbol: false }));
const frame = { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 56, right: 16, top: 36, bottom: 28 } };

export function AgingChart({ figures, currency }: { figures: KpiCurrency; currency: string }) {
  const option: ChartOption = {
    ...frame,
    xAxis: axisOf(figures),
    yAxis: { type: 'value', axisLabel: { formatter: (minor: number) => money(minor, currency) } },
    series: agingBuckets.map((bucket) => ({
      name: bucket,
      type: 'line',
      stack: 'aging',
      areaStyle: {},
      showSymbol: false,
      data: figures.series.map((day) => day.aging[bucket]),
    })),
  };
  return <Chart option={option} label={`Receivables by aging bucket, ${currency}, stacked by day`} />;
}

export function DaysChart({ figures }: { figures: KpiCurrency }) {
  const option: ChartOption = {
    ...frame,
    xAxis: axisOf(figures),
    yAxis: { type: 'value', name: 'days' },
    series: lines({
      DSO: figures.series.map((day) => day.dso.countBack),
      'Best Possible DSO': figures.series.map((day) => day.bestPossibleDso),
      ADD: figures.series.map((day) => day.averageDaysDelinquent),
    }),
  };
  return <Chart option={option} label="DSO, Best Possible DSO and average days delinquent by day" />;
}

export function RatesChart({ figures }: { figures: KpiCurrency }) {
  const option: ChartOption = {
    ...frame,
    xAxis: axisOf(figures),
    yAxis: { type: 'value', name: '%', max: 100 },
    series: lines({ CEI: figures.series.map((day) => day.cei), 'Cure rate': figures.series.map((day) => day.cureRate) }),
  };
  return <Chart option={option} label="Collection effectiveness index and cure rate by day, in percent" />;
}

/** Roll rates of the period's last day: the share of each bucket that rolled into the next. */
export function RollRates({ figures }: { figures: KpiCurrency }) {
  const last = figures.series[figures.series.length - 1];
  const transitions = Object.entries(last?.rollRates ?? {});
  return (
    <table className="roll-rates">
      <caption>Roll rates on {last?.date ?? '—'}</caption>
      <thead>
        <tr>
          {transitions.map(([transition]) => (
            <th key={transition} scope="col">
              {transition}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {transitions.map(([transition, rate]) => (
            <td key={transition} style={{ background: rate === null ? undefined : `rgba(200, 60, 40, ${Math.min(rate, 100) / 220})` }}>
              {percent(rate)}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

export function StrategyArms({ figures, currency }: { figures: KpiCurrency; currency: string }) {
  const arms = Object.entries(figures.period.workflow.collectedByStrategy);
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 96, right: 16, top: 8, bottom: 28 },
    xAxis: { type: 'value', axisLabel: { formatter: (minor: number) => money(minor, currency) } },
    yAxis: { type: 'category', data: arms.map(([arm]) => arm) },
    series: [{ type: 'bar', data: arms.map(([, collected]) => collected) }],
  };
  return <Chart option={option} label={`Collected per strategy arm: ${arms.map(([arm, c]) => `${arm} ${money(c, currency)}`).join(', ')}`} height={140} />;
}
