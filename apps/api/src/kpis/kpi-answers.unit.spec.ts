import { kpiReport, PORTFOLIO, type FigureChange, type KpiDayDocument, type KpiMonthDocument } from '@arrears/projections';
import { KpiAnswers, type KpiQuestion } from './kpi-answers';
import type { KpiWindow } from './kpi-documents';

const march: KpiQuestion = { scope: PORTFOLIO, from: '2026-03-01', to: '2026-03-31' };

const invoiced = (amount: number, dueOn: string): FigureChange => ({
  creditSales: amount,
  outstanding: { [dueOn]: amount },
  accountsByOldestDue: { [dueOn]: 1 },
});
const paid = (amount: number, dueOn: string): FigureChange => ({ collected: amount, outstanding: { [dueOn]: -amount } });

/** The portfolio's day document of `date`, as the account fold last wrote it at `position`. */
const day = (date: string, figures: Record<string, FigureChange>, position: number, later?: KpiDayDocument['later']): KpiDayDocument => ({
  id: `day:${PORTFOLIO}:${date}`,
  kind: 'day',
  scope: PORTFOLIO,
  date,
  figures,
  ...(later && { later }),
  position,
});

const december: KpiMonthDocument = {
  id: `month:${PORTFOLIO}:2025-12`,
  kind: 'month',
  scope: PORTFOLIO,
  date: '2025-12-01',
  currencies: { EUR: { figures: invoiced(90_000, '2026-01-15'), creditSales: { '2025-12-16': 90_000 } } },
  position: 1,
};

/** Two invoices before March, paid in part in March; the window from January (30 days before March, from a month's first day). */
const window: KpiWindow = {
  months: [december],
  days: [
    day('2026-01-20', { EUR: invoiced(40_000, '2026-02-19') }, 2),
    day('2026-02-10', { EUR: invoiced(25_000, '2026-03-12') }, 3),
    day('2026-03-05', { EUR: paid(10_000, '2026-02-19') }, 4),
    day('2026-03-18', { EUR: paid(5_000, '2026-03-12') }, 5),
  ],
};

/** The whole report's answer, as JSON.stringify gives it. */
const whole = ({ scope, from, to }: KpiQuestion, { days, months }: KpiWindow) =>
  JSON.stringify({ scope: scope === PORTFOLIO ? 'portfolio' : scope, from, to, currencies: kpiReport(days, from, to, months) });

/** The window with its `k`th day document replaced by `document` (a new object: a changed document). */
const withDay = (k: number, document: KpiDayDocument): KpiWindow => ({ ...window, days: window.days.map((was, j) => (j === k ? document : was)) });

describe('KpiAnswers: a KPI report as JSON, computed again from the first day a change reaches', () => {
  let answers: KpiAnswers;
  beforeEach(() => (answers = new KpiAnswers()));

  it('answers the whole report, as JSON.stringify would give it', () => {
    expect(answers.json(march, window).toString()).toBe(whole(march, window));
  });

  it('gives the answer it gave last while every document is the same', () => {
    const first = answers.json(march, window);
    expect(answers.json(march, { months: [...window.months], days: [...window.days] })).toBe(first);
  });

  it('after a late payment rewrote a day in the window, answers as the whole report does', () => {
    answers.json(march, window);
    const rewritten = withDay(2, day('2026-03-05', { EUR: paid(30_000, '2026-02-19') }, 6));
    expect(answers.json(march, rewritten).toString()).toBe(whole(march, rewritten));
  });

  it('keeps the days before the first changed document as it answered them: a document given as the same object is taken as unchanged', () => {
    const first = JSON.parse(answers.json(march, window).toString());
    // Changed in place, which KpiDocuments never does: the days before 18 March are not computed again.
    const payment = window.days[2]!.figures.EUR!;
    window.days[2]!.figures.EUR = paid(99_999, '2026-02-19');
    try {
      const answer = JSON.parse(answers.json(march, withDay(3, day('2026-03-18', { EUR: paid(6_000, '2026-03-12') }, 7))).toString());
      expect(answer.currencies.EUR.series.slice(0, 17)).toEqual(first.currencies.EUR.series.slice(0, 17));
      expect(answer.currencies.EUR.series[17]).not.toEqual(first.currencies.EUR.series[17]);
    } finally {
      window.days[2]!.figures.EUR = payment;
    }
  });

  it('after a day before the period changed what it restated on a later day, answers as the whole report does', () => {
    answers.json(march, window);
    const restated = withDay(1, day('2026-02-10', { EUR: invoiced(25_000, '2026-03-12') }, 8, { EUR: { '2026-03-25': { cures: 1 } } }));
    expect(answers.json(march, restated).toString()).toBe(whole(march, restated));
  });

  it('after a month before the window changed, answers as the whole report does', () => {
    answers.json(march, window);
    const lateInvoice = { ...window, months: [{ ...december, currencies: { EUR: { figures: invoiced(95_000, '2026-01-15') } }, position: 9 }] };
    expect(answers.json(march, lateInvoice).toString()).toBe(whole(march, lateInvoice));
  });

  it('after a day in another currency arrived, or a day went, answers as the whole report does', () => {
    answers.json(march, window);
    const dollars = { ...window, days: [...window.days, day('2026-03-20', { USD: invoiced(7_000, '2026-04-19') }, 10)] };
    expect(answers.json(march, dollars).toString()).toBe(whole(march, dollars));
    const gone = { ...window, days: window.days.filter(({ date }) => date !== '2026-03-05') };
    expect(answers.json(march, gone).toString()).toBe(whole(march, gone));
  });

  it('keeps the answers of other scopes and periods apart, the portfolio apart from a creditor whose id is “portfolio”', () => {
    const creditor = { ...march, scope: 'portfolio' };
    const firstHalf = { ...march, to: '2026-03-15' };
    const ofCreditor = { months: [], days: [day('2026-03-02', { EUR: invoiced(1_000, '2026-04-01') }, 11)] };
    answers.json(march, window);
    expect(answers.json(creditor, ofCreditor).toString()).toBe(whole(creditor, ofCreditor));
    expect(answers.json(firstHalf, window).toString()).toBe(whole(firstHalf, window));
    expect(answers.json(march, window).toString()).toBe(whole(march, window));
  });
});
