import { addDays, agingBuckets, dateOfDayNumber, dayNumber, entryOf, type IsoDate } from '@arrears/domain';
import { DailyTotals, type Day } from './daily-totals';
import { type AgencyFlows, type FigureChange, type Flows } from './kpi-figures';
import type { KpiDayDocument } from './kpi-days';
import { monthOf, type KpiMonthDocument } from './kpi-months';

/** The trailing period of simple DSO, Best Possible DSO, roll rates and the 30-day count-back. */
const MONTH = 30;
/** The count-back walks back at most this many months. */
const COUNT_BACK_MONTHS = 12;

const round2 = (value: number) => Math.round(value * 100) / 100;
const ratio = (numerator: number, denominator: number, scale = 1): number | null => (denominator > 0 ? round2((numerator / denominator) * scale) : null);

/** The day before the count-back month that ends on a day: a calendar month's, or a 30-day one's. */
type MonthBefore = (end: Day) => Day;

/**
 * Calendar months back from a day: the month so far, then each whole month before it. A series asks
 * for the same month ends day after day, so each day's month start is worked out once per report.
 */
function calendarMonthsOf(): MonthBefore {
  const lastOfPreviousMonth = new Map<Day, Day>();
  return (end) => {
    let after = lastOfPreviousMonth.get(end);
    if (after === undefined) lastOfPreviousMonth.set(end, (after = end - Number(dateOfDayNumber(end).slice(8, 10))));
    return after;
  };
}

/** Thirty-day "months" back from a day. */
const thirtyDayMonths: MonthBefore = (end) => end - MONTH;

/**
 * DSO by the count-back method: from the day, walk back month by month, taking each month's credit
 * sales off the receivables and counting its days, until what remains is less than a month's sales;
 * then add that fraction of the month's days. Null when 12 months of sales do not account for it.
 */
function countBackDso(totals: DailyTotals, day: Day, monthBefore: MonthBefore): number | null {
  let remaining = totals.receivablesOn(day);
  let days = 0;
  let end = day;
  for (let k = 0; k < COUNT_BACK_MONTHS; k++) {
    const after = monthBefore(end);
    const sales = totals.salesUntil(end) - totals.salesUntil(after);
    if (remaining <= sales) return round2(days + (sales > 0 ? (remaining * (end - after)) / sales : 0));
    remaining -= sales;
    days += end - after;
    end = after;
  }
  return null;
}

/** All KPIs of one day (formulas and sources in docs/kpis.md; rates in %). */
function kpisOn(totals: DailyTotals, day: Day, calendarMonths: MonthBefore) {
  const yesterday = day - 1;
  const receivables = totals.receivablesOn(day);
  const aging = totals.agingOn(day);
  const salesThisMonth = totals.flowBetween(day - MONTH, day, 'creditSales');
  const simpleDso = ratio(receivables * MONTH, salesThisMonth);
  const bestPossibleDso = ratio(aging.current * MONTH, salesThisMonth);
  const creditSales = totals.flowBetween(yesterday, day, 'creditSales');
  return {
    date: dateOfDayNumber(day),
    receivables,
    aging,
    creditSales,
    lateFees: totals.flowBetween(yesterday, day, 'lateFees'),
    collected: totals.flowBetween(yesterday, day, 'collected'),
    dso: { countBack: countBackDso(totals, day, calendarMonths), countBack30: countBackDso(totals, day, thirtyDayMonths), simple: simpleDso },
    bestPossibleDso,
    averageDaysDelinquent: simpleDso !== null && bestPossibleDso !== null ? round2(simpleDso - bestPossibleDso) : null,
    cei: cei(totals.receivablesOn(yesterday), creditSales + totals.flowBetween(yesterday, day, 'lateFees'), receivables, aging.current),
    rollRates: rollRates(totals, day - MONTH, day),
    delinquentAccounts: totals.delinquentAccountsOn(day),
    cureRate: ratio(totals.flowBetween(yesterday, day, 'cures'), totals.delinquentAtStartOf(day), 100),
    planCompletionRate: ratio(totals.flowUntil(day, 'plansCompleted'), totals.flowUntil(day, 'plansAgreed'), 100),
  };
}

/**
 * Collection Effectiveness Index, in %: (opening receivables + billed − closing total) ÷ (opening receivables + billed
 * − closing current) × 100, where billed is the credit sales and the late fees (both go into receivables).
 */
export function cei(opening: number, billed: number, closingTotal: number, closingCurrent: number): number | null {
  return ratio(opening + billed - closingTotal, opening + billed - closingCurrent, 100);
}

const rollRateNames = agingBuckets.slice(0, -1).map((bucket, k) => `${bucket}→${agingBuckets[k + 1]}`);

/** Roll rate k→k+1, in %: the balance in bucket k+1 on `day` ÷ the balance in bucket k on `before`. */
export function rollRates(totals: DailyTotals, before: Day, day: Day): Record<string, number | null> {
  const rates: Record<string, number | null> = {};
  rollRateNames.forEach((name, k) => (rates[name] = ratio(totals.bucketOn(day, k + 1), totals.bucketOn(before, k), 100)));
  return rates;
}

/** Calendar months a period touches, from `from`'s month to `to`'s: the N of CEI's monthly-average form. */
const monthsTouched = (from: IsoDate, to: IsoDate) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

/** The daily series from `since` to `to` (inclusive), with the figures of the period from `from`. */
function kpiSeries(totals: DailyTotals, agencies: Map<string, AgencyTotals>, from: IsoDate, to: IsoDate, since: IsoDate) {
  const [first, last] = [dayNumber(from), dayNumber(to)];
  const series = [];
  const calendarMonths = calendarMonthsOf();
  for (let day = Math.max(first, dayNumber(since)); day <= last; day++) series.push(kpisOn(totals, day, calendarMonths));
  const before = first - 1;
  const flow = (name: keyof Flows) => totals.flowBetween(before, last, name);
  const [opening, closing, closingCurrent] = [totals.receivablesOn(before), totals.receivablesOn(last), totals.bucketOn(last, 0)];
  const months = monthsTouched(from, to);
  // Late fees are billed into receivables as sales are: left out, a fee would read as a collection missed.
  const billed = flow('creditSales') + flow('lateFees');
  return {
    series,
    period: {
      creditSales: flow('creditSales'),
      lateFees: flow('lateFees'),
      collected: flow('collected'),
      cei: cei(opening, billed, closing, closingCurrent),
      ceiMonthlyAverage: { months, cei: cei(opening, billed / months, closing, closingCurrent) },
      cures: flow('cures'),
      cureRate: ratio(flow('cures'), totals.delinquenciesDuring(first, last), 100),
      delinquencyOutcomes: {
        curedByPayment: flow('cures') - flow('curesByArrangement'),
        curedByArrangement: flow('curesByArrangement'),
        settled: flow('delinquencySettled'),
        writtenOff: flow('delinquencyWrittenOff'),
        disputeUpheld: flow('delinquencyDisputeUpheld'),
      },
      workflow: workflowKpis(flow, agencies, (name) => totals.flowUntil(last, name)),
    },
  };
}

/**
 * The collections workflow's KPIs over a period, from its flows (rates in %). An agency's liquidation rate is what it
 * has collected ÷ what was placed with it, both to the period's end (`toDate`, and each agency's `toDate`): what it
 * collects in a month is mostly on balances placed before it, so a month's collections over the same month's
 * placements would compare two different sets of accounts.
 */
export function workflowKpis(flow: (name: keyof Flows) => number, agencies: Map<string, AgencyTotals>, toDate: (name: keyof Flows) => number) {
  const kept = flow('promisesKept');
  const placed = flow('placedWithAgency');
  return {
    promises: { kept, broken: flow('promisesBroken'), keptRate: ratio(kept, kept + flow('promisesBroken'), 100) },
    contacts: {
      outbound: flow('outboundContacts'),
      callAttempts: flow('callAttempts'),
      rightParty: flow('rightPartyContacts'),
      rightPartyContactRate: ratio(flow('rightPartyContacts'), flow('callAttempts'), 100),
    },
    settlements: { agreed: flow('settlementsAgreed'), completed: flow('settlementsCompleted') },
    writtenOff: flow('writtenOff'),
    agency: {
      placed,
      collected: flow('collectedByAgency'),
      liquidationRate: ratio(toDate('collectedByAgency'), toDate('placedWithAgency'), 100),
      byAgency: Object.fromEntries(
        [...agencies]
          .filter(([, { period }]) => period.placed !== 0 || period.collected !== 0)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([agencyId, { period, toDate: sums }]) => [
            agencyId,
            { placed: period.placed, collected: period.collected, liquidationRate: ratio(sums.collected, sums.placed, 100) },
          ]),
      ),
    },
    collectedByStrategy: { champion: flow('collectedChampion'), challenger: flow('collectedChallenger') },
    collectedBySegment: { low: flow('collectedLowRisk'), medium: flow('collectedMediumRisk'), high: flow('collectedHighRisk') },
    collectedByScoringArm: { champion: flow('collectedScoringChampion'), challenger: flow('collectedScoringChallenger') },
  };
}

/** Every change that lands on a day, from the day documents: each day's own, and what later facts restated. */
function changesOf(days: Pick<KpiDayDocument, 'date' | 'figures' | 'later'>[], currency: string): { date: IsoDate; figures: FigureChange }[] {
  return days.flatMap(({ date, figures, later }) => {
    const own = entryOf(figures, currency);
    const restated = Object.entries((later && entryOf(later, currency)) ?? {}).map(([day, change]) => ({ date: day, figures: change }));
    return own ? [{ date, figures: own }, ...restated] : restated;
  });
}

/**
 * The first day whose day documents a report from `from` reads: the first of a month, at least the
 * 30 days before `from` that roll rates and simple DSO look back over. Before it, month totals.
 */
export const windowStart = (from: IsoDate): IsoDate => monthOf(addDays(from, -MONTH));

/** How far back the count-back reads daily credit sales: 12 months from the first day, and a margin. */
const COUNT_BACK_DAYS = 400;

/**
 * A scope's figures at the end of the day before `windowStart(from)`, as changes landing on it: each
 * month's totals before the window and what they restated before it (what they restated in the
 * window lands on its own days); with the credit sales of each day the count-back may walk back to.
 * The months are not summed here: DailyTotals adds every change of a day into its running totals
 * anyway, where summing them first would copy every open due date once a month.
 */
function openingOf(months: Pick<KpiMonthDocument, 'currencies'>[], currency: string, from: IsoDate) {
  const salesBefore = new Map<Day, number>();
  const start = windowStart(from);
  const before = addDays(start, -1);
  const oldestSales = addDays(from, -COUNT_BACK_DAYS);
  const opening: { date: IsoDate; figures: FigureChange }[] = [];
  for (const month of months) {
    const totals = entryOf(month.currencies, currency);
    if (!totals) continue;
    opening.push({ date: before, figures: totals.figures });
    for (const [date, change] of Object.entries(totals.later ?? {})) opening.push({ date: date < start ? before : date, figures: change });
    for (const [date, amount] of Object.entries(totals.creditSales ?? {})) if (date >= oldestSales) salesBefore.set(dayNumber(date), amount);
  }
  return { opening, salesBefore };
}

/** What was placed with and collected by an agency over a period, and up to its end. */
interface AgencyTotals {
  period: AgencyFlows;
  toDate: AgencyFlows;
}

/** Placed with and collected by each agency over the days after `after` up to `to`, and over every day up to `to`. */
function agencyFlows(changes: { date: IsoDate; figures: FigureChange }[], after: IsoDate, to: IsoDate): Map<string, AgencyTotals> {
  const agencies = new Map<string, AgencyTotals>();
  for (const { date, figures } of changes) {
    if (date > to) continue;
    for (const [agencyId, { placed, collected }] of Object.entries(figures.agencies ?? {})) {
      const sums = agencies.get(agencyId) ?? { period: { placed: 0, collected: 0 }, toDate: { placed: 0, collected: 0 } };
      sums.toDate = { placed: sums.toDate.placed + placed, collected: sums.toDate.collected + collected };
      if (date > after) sums.period = { placed: sums.period.placed + placed, collected: sums.period.collected + collected };
      agencies.set(agencyId, sums);
    }
  }
  return agencies;
}

/**
 * The report for a scope: one series per currency, from its day documents up to `to` (any order):
 * all of them, or those from `windowStart(from)` on with the month totals before it (`monthsBefore`).
 * A day's figures depend only on the changes that land on it and the days before it, so a report
 * whose days before `since` are known already may compute its series from `since` on alone (the
 * period's figures are whole whatever `since` is).
 */
export function kpiReport(
  days: Pick<KpiDayDocument, 'date' | 'figures' | 'later'>[],
  from: IsoDate,
  to: IsoDate,
  monthsBefore: Pick<KpiMonthDocument, 'currencies'>[] = [],
  since: IsoDate = from,
) {
  const currencies = [
    ...new Set([
      ...days.flatMap((day) => [...Object.keys(day.figures), ...Object.keys(day.later ?? {})]),
      ...monthsBefore.flatMap((month) => Object.keys(month.currencies)),
    ]),
  ].sort();
  return Object.fromEntries(
    currencies.map((currency) => {
      const { opening, salesBefore } = openingOf(monthsBefore, currency, from);
      const changes = [...opening, ...changesOf(days, currency)];
      const agencies = agencyFlows(changes, dateOfDayNumber(dayNumber(from) - 1), to);
      return [currency, kpiSeries(new DailyTotals(changes, to, salesBefore), agencies, from, to, since)];
    }),
  );
}

export type KpiReport = ReturnType<typeof kpiReport>;
