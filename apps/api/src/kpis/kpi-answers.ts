import { Injectable } from '@nestjs/common';
import { daysBetween } from '@arrears/domain';
import { kpiReport, PORTFOLIO } from '@arrears/projections';
import type { KpiWindow } from './kpi-documents';
import { LeastRecentlyUsed } from './least-recently-used';

/** What a report is of: its scope (a creditor, or PORTFOLIO) and its period. */
export interface KpiQuestion {
  scope: string;
  from: string;
  to: string;
}

/** Answers kept: a year's answer is about 200 KB, kept twice (by day, and whole). */
export const keptAnswers = 32;

/** One report's answer as JSON, and the documents it was computed from. */
interface Answered {
  window: KpiWindow;
  /** Per currency, in the answer's order: each day's entry of its series, from `from` on, and the period's figures. */
  currencies: Map<string, { days: Buffer[]; period: Buffer }>;
  bytes: Buffer;
}

const comma = Buffer.from(',');
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/**
 * KPI reports as JSON, computing again only the days a change can reach. A day's figures depend
 * only on the changes that land on it and on the days before it, and a day document's changes land
 * on its own day or later ones. So when the same report is asked for again, the days before the
 * first document that changed since (KpiDocuments gives an unchanged document as the same object)
 * keep their JSON, and the rest is computed and encoded anew; when nothing changed, the answer is
 * the one given last. On a quiet portfolio, or over a past period, a report then costs its reads of
 * positions; while today's facts arrive, its totals and today's figures. A changed month before the
 * window, or a new currency, computes the whole report again. The answer is bytes: given a string,
 * Fastify would measure its UTF-8 length and the socket encode it again, which for a year's answer
 * cost more than computing it.
 */
@Injectable()
export class KpiAnswers {
  private readonly answered = new LeastRecentlyUsed<string, Answered>(keptAnswers);

  json(question: KpiQuestion, window: KpiWindow): Buffer {
    const key = JSON.stringify([question.scope, question.from, question.to]);
    const last = this.answered.get(key);
    const changed = last ? firstChanged(last.window, window) : question.from;
    const answered = last && changed === undefined ? last : answer(question, window, changed && changed > question.from ? changed : question.from, last);
    this.answered.set(key, answered);
    return answered.bytes;
  }
}

/**
 * The report's answer, with the days before `since` as `last` gave them (when `since` is after
 * `from`, `last` is the answer to the same question); from `from` when `last` has other currencies.
 */
function answer(question: KpiQuestion, window: KpiWindow, since: string, last?: Answered): Answered {
  const { scope, from, to } = question;
  const report = Object.entries(kpiReport(window.days, from, to, window.months, since));
  const reusing = since > from;
  if (reusing && (report.length !== last?.currencies.size || report.some(([currency]) => !last.currencies.has(currency)))) {
    return answer(question, window, from);
  }
  const currencies = new Map(
    report.map(([currency, { series, period }]) => {
      const known = reusing ? (last?.currencies.get(currency)?.days.slice(0, daysBetween(from, since)) ?? []) : [];
      return [currency, { days: [...known, ...series.map(json)], period: json(period) }];
    }),
  );
  const named = scope === PORTFOLIO ? 'portfolio' : scope;
  const parts: Buffer[] = [Buffer.from(`{"scope":${JSON.stringify(named)},"from":${JSON.stringify(from)},"to":${JSON.stringify(to)},"currencies":{`)];
  [...currencies].forEach(([currency, { days, period }], k) => {
    parts.push(Buffer.from(`${k ? ',' : ''}${JSON.stringify(currency)}:{"series":[`));
    days.forEach((day, d) => parts.push(...(d ? [comma, day] : [day])));
    parts.push(Buffer.from('],"period":'), period, Buffer.from('}'));
  });
  parts.push(Buffer.from('}}'));
  return { window, currencies, bytes: Buffer.concat(parts) };
}

/**
 * The first day a change between two reads of a window can reach: that of the first day document
 * not the same in both (the documents come in date order); before the window when a month differs;
 * undefined when nothing changed.
 */
function firstChanged(before: KpiWindow, after: KpiWindow): string | undefined {
  const sameMonths = before.months.length === after.months.length && before.months.every((month, k) => month === after.months[k]);
  if (!sameMonths) return '';
  for (let k = 0; k < Math.max(before.days.length, after.days.length); k++) {
    const [was, is] = [before.days[k], after.days[k]];
    if (was !== is) return [was?.date, is?.date].filter((date) => date !== undefined).sort()[0];
  }
  return undefined;
}
