import type { KpiReport } from './kpi-series';

type Cell = number | string | null;

/** A day's figures flattened to dotted names (`aging.1-30`, `dso.countBack`), in the order the JSON has them. */
function flatten(value: unknown, prefix: string, into: [string, Cell][]): [string, Cell][] {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.push([prefix, value as Cell]);
  }
  return into;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
const field = (cell: Cell) => {
  const text = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The daily series as CSV, for spreadsheets: one row per day and currency, one column per figure
 * (`date`, `currency`, then every daily figure by its dotted name); an empty cell where a ratio has no
 * denominator. Period figures are in the JSON answer.
 */
export function kpiCsv(report: KpiReport): string {
  const rows = Object.entries(report).flatMap(([currency, { series }]) =>
    series.map((day) => {
      const [date, ...figures] = flatten(day, '', []);
      return [['date', date?.[1] ?? null], ['currency', currency], ...figures] as [string, Cell][];
    }),
  );
  rows.sort((a, b) => String(a[0]?.[1]).localeCompare(String(b[0]?.[1])) || String(a[1]?.[1]).localeCompare(String(b[1]?.[1])));
  const header = rows[0]?.map(([name]) => name) ?? ['date', 'currency'];
  return [header.map(field).join(','), ...rows.map((row) => row.map(([, cell]) => field(cell)).join(','))].join('\r\n') + '\r\n';
}
