import { addDays } from '@arrears/domain';
import { kpiReport, PORTFOLIO, type KpiDayDocument, type KpiMonthDocument } from '@arrears/projections';
import { KpiAnswers, keptAnswers, type KpiQuestion } from './kpi-answers';
import type { KpiWindow } from './kpi-documents';

type FigureChange = KpiDayDocument['figures'][string];

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

const december = (invoicedAmount = 90_000, position = 1): KpiMonthDocument => ({
  id: `month:${PORTFOLIO}:2025-12`,
  kind: 'month',
  scope: PORTFOLIO,
  date: '2025-12-01',
  currencies: { EUR: { figures: invoiced(invoicedAmount, '2026-01-15'), creditSales: { '2025-12-16': invoicedAmount } } },
  position,
});

/** Invoices before March, paid in part in March; the window from January (30 days before March, from a month's first day). */
const windowOf = (): KpiWindow => ({
  months: [december()],
  days: [
    day('2026-01-20', { EUR: invoiced(40_000, '2026-02-19') }, 2),
    day('2026-02-10', { EUR: invoiced(25_000, '2026-03-12') }, 3),
    day('2026-03-05', { EUR: paid(10_000, '2026-02-19') }, 4),
    day('2026-03-18', { EUR: paid(5_000, '2026-03-12') }, 5),
  ],
});

/** The whole report's answer, as JSON.stringify gives it. */
const whole = ({ scope, from, to }: KpiQuestion, { days, months }: KpiWindow) =>
  JSON.stringify({ scope: scope === PORTFOLIO ? 'portfolio' : scope, from, to, currencies: kpiReport(days, from, to, months) });

/** `window` with `remove` of its day documents from the `at`th replaced by `documents`: the others kept the same objects. */
function withDays(window: KpiWindow, at: number, remove: number, ...documents: KpiDayDocument[]): KpiWindow {
  const days = [...window.days];
  days.splice(at, remove, ...documents);
  return { ...window, days };
}

describe('KpiAnswers: a KPI report as JSON, computed again from the first day a change reaches', () => {
  let answers: KpiAnswers;
  let window: KpiWindow;
  beforeEach(() => {
    answers = new KpiAnswers();
    window = windowOf();
  });

  /** Given the answer to `window`, when the window is `changed`, then the answer is the whole report's. */
  const expectWholeAfter = (changed: KpiWindow, question = march) => {
    answers.json(question, window);
    expect(answers.json(question, changed).toString()).toBe(whole(question, changed));
  };

  it('answers the whole report, as JSON.stringify would give it', () => {
    expect(answers.json(march, window).toString()).toBe(whole(march, window));
  });

  it('gives the answer it gave last while every document is the same', () => {
    const first = answers.json(march, window);
    expect(answers.json(march, { months: [...window.months], days: [...window.days] })).toBe(first);
  });

  it('keeps the days before the first changed document as it answered them: a document given as the same object is taken as unchanged', () => {
    const first = JSON.parse(answers.json(march, window).toString());
    // Changed in place, which KpiDocuments never does: the days before 18 March are not computed again.
    (window.days[2] as KpiDayDocument).figures.EUR = paid(99_999, '2026-02-19');
    const laterPayment = withDays(window, 3, 1, day('2026-03-18', { EUR: paid(6_000, '2026-03-12') }, 7));
    const answer = JSON.parse(answers.json(march, laterPayment).toString());
    expect(answer.currencies.EUR.series.slice(0, 17)).toEqual(first.currencies.EUR.series.slice(0, 17));
    expect(answer.currencies.EUR.series[17]).not.toEqual(first.currencies.EUR.series[17]);
  });

  it('after a late payment rewrote a day in the period, answers as the whole report does', () => {
    expectWholeAfter(withDays(window, 2, 1, day('2026-03-05', { EUR: paid(30_000, '2026-02-19') }, 6)));
  });

  it('after a day in the period changed what it restated on a later day, answers as the whole report does', () => {
    expectWholeAfter(withDays(window, 2, 1, day('2026-03-05', { EUR: paid(10_000, '2026-02-19') }, 8, { EUR: { '2026-03-25': { cures: 1 } } })));
  });

  it('after a day with facts for the first time, or a day gone, in the period, answers as the whole report does', () => {
    expectWholeAfter(withDays(window, 3, 0, day('2026-03-10', { EUR: paid(2_000, '2026-03-12') }, 9)));
    expectWholeAfter(withDays(window, 2, 1));
  });

  it('after a day before the period changed, or a month before the window, answers as the whole report does', () => {
    expectWholeAfter(withDays(window, 1, 1, day('2026-02-10', { EUR: invoiced(25_000, '2026-03-12') }, 10, { EUR: { '2026-03-25': { cures: 1 } } })));
    expectWholeAfter({ ...window, months: [december(95_000, 11)] });
  });

  it('after a day in another currency arrived, answers as the whole report does', () => {
    expectWholeAfter(withDays(window, 4, 0, day('2026-03-20', { USD: invoiced(7_000, '2026-04-19') }, 12)));
  });

  it('in two currencies, after a late payment rewrote a day in the period, answers as the whole report does', () => {
    window = withDays(window, 4, 0, day('2026-03-20', { EUR: paid(1_000, '2026-03-12'), USD: invoiced(7_000, '2026-04-19') }, 14));
    expectWholeAfter(withDays(window, 4, 1, day('2026-03-20', { EUR: paid(2_000, '2026-03-12'), USD: invoiced(7_000, '2026-04-19') }, 15)));
  });

  it('keeps the answers of other scopes and periods apart, the portfolio apart from a creditor whose id is “portfolio”', () => {
    const creditor = { ...march, scope: 'portfolio' };
    const firstHalf = { ...march, to: '2026-03-15' };
    const ofCreditor = { months: [], days: [day('2026-03-02', { EUR: invoiced(1_000, '2026-04-01') }, 13)] };
    answers.json(march, window);
    expect(answers.json(creditor, ofCreditor).toString()).toBe(whole(creditor, ofCreditor));
    expect(answers.json(firstHalf, window).toString()).toBe(whole(firstHalf, window));
    expect(answers.json(march, window).toString()).toBe(whole(march, window));
  });

  it(`keeps ${keptAnswers} answers, forgetting the one given least recently`, () => {
    const periodEnding = (k: number) => ({ ...march, to: addDays('2026-04-01', k) });
    const [first, second] = [answers.json(periodEnding(0), window), answers.json(periodEnding(1), window)];
    for (let k = 2; k < keptAnswers; k++) answers.json(periodEnding(k), window);
    // Asked again, the first is given last; the next one asked for goes past the count, and the second goes.
    expect(answers.json(periodEnding(0), window)).toBe(first);
    answers.json(periodEnding(keptAnswers), window);
    expect(answers.json(periodEnding(0), window)).toBe(first);
    expect(answers.json(periodEnding(1), window)).not.toBe(second);
  });
});
