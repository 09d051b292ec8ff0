import { Injectable } from '@nestjs/common';
import { daysBetween } from '@arrears/domain';
import { LeastRecentlyUsed } from '@arrears/platform';
import { kpiReport, PORTFOLIO, type KpiReport } from '@arrears/projections';
import type { KpiWindow } from './kpi-documents';

/** What a report is of: its scope (a creditor, or PORTFOLIO) and its period. */
export interface KpiQuestion {
  scope: string;
  from: string;
  to: string;
}

/** Answers kept, by count: a year's answer in one currency is about 200 KB. */
export const keptAnswers = 32;

/** A document an answer was computed from: its date, and the document itself while KpiDocuments keeps it. */
interface Read {
  date: string;
  document: WeakRef<object>;
}

/** Where a currency's series is in an answer's bytes, and where each day's JSON ends from there. */
interface SeriesBytes {
  start: number;
  ends: number[];
}

/** One report's answer as JSON, and what it was computed from. */
interface Answered {
  months: Read[];
  days: Read[];
  bytes: Buffer;
  series: Map<string, SeriesBytes>;
}

/**
 * KPI reports as JSON, computing again only the days a change can reach. A day's figures depend
 * only on the changes that land on it and on the days before it, and a day document's changes land
 * on its own day or later ones. So when the same report is asked for again, the days before the
 * first document that changed since (KpiDocuments gives an unchanged document as the same object)
 * keep their JSON, and the rest is computed and encoded anew; when nothing changed, the answer is
 * the one given last. Over a past period, or a quiet portfolio, a report then costs its reads of
 * positions; while today's facts arrive, its totals and today's figures; and the whole report once
 * a minute, when KpiDocuments fetches its documents again. A changed month before the window, or a
 * new currency, computes the whole report too. Documents are remembered weakly: an answer does not
 * keep those KpiDocuments let go (one it no longer has counts as changed). The answer is bytes:
 * given a string, Fastify would measure its UTF-8 length and the socket encode it again.
 */
@Injectable()
export class KpiAnswers {
  private readonly answered = new LeastRecentlyUsed<string, Answered>(keptAnswers);

  json(question: KpiQuestion, window: KpiWindow): Buffer {
    const key = JSON.stringify([question.scope, question.from, question.to]);
    const last = this.answered.peek(key);
    const changed = last && firstChanged(last, window);
    const answered = last && changed === undefined ? last : answer(question, window, changed, last);
    this.answered.set(key, answered);
    return answered.bytes;
  }
}

/** The answer, with the days before `changed` (the first day a change reaches) as `last` gave them when it can. */
function answer(question: KpiQuestion, window: KpiWindow, changed?: string, last?: Answered): Answered {
  const since = changed && changed > question.from ? changed : question.from;
  const report = Object.entries(kpiReport(window.days, question.from, question.to, window.months, since));
  const known = since > question.from ? last : undefined;
  if (known && (report.length !== known.series.size || report.some(([currency]) => !known.series.has(currency)))) {
    return answer(question, window);
  }
  return encode(question, window, report, known && { answer: known, days: daysBetween(question.from, since) });
}

/** The report's JSON: `report`'s days, after the first `known.days` of each series as `known.answer` has them. */
function encode(question: KpiQuestion, window: KpiWindow, report: [string, KpiReport[string]][], known?: { answer: Answered; days: number }): Answered {
  const { scope, from, to } = question;
  const named = scope === PORTFOLIO ? 'portfolio' : scope;
  const parts: Buffer[] = [Buffer.from(`{"scope":${JSON.stringify(named)},"from":${JSON.stringify(from)},"to":${JSON.stringify(to)},"currencies":{`)];
  let length = parts[0]?.length ?? 0;
  const series = new Map<string, SeriesBytes>();
  report.forEach(([currency, { series: days, period }], k) => {
    const open = Buffer.from(`${k ? ',' : ''}${JSON.stringify(currency)}:{"series":[`);
    const was = known?.answer.series.get(currency);
    const ends = was?.ends.slice(0, known?.days) ?? [];
    const kept = known && was && ends.length ? known.answer.bytes.subarray(was.start, was.start + (ends.at(-1) as number)) : empty;
    const texts = days.map((day) => JSON.stringify(day));
    let end = kept.length;
    // Each day's JSON after a comma, but the first.
    for (const text of texts) ends.push((end = (end ? end + 1 : 0) + Buffer.byteLength(text)));
    const added = Buffer.from(`${kept.length && texts.length ? ',' : ''}${texts.join(',')}`);
    const close = Buffer.from(`],"period":${JSON.stringify(period)}}`);
    series.set(currency, { start: length + open.length, ends });
    parts.push(open, kept, added, close);
    length += open.length + kept.length + added.length + close.length;
  });
  parts.push(Buffer.from('}}'));
  return { months: window.months.map(read), days: window.days.map(read), bytes: Buffer.concat(parts), series };
}

const empty = Buffer.alloc(0);

const read = (document: { date: string }): Read => ({ date: document.date, document: new WeakRef(document) });

/**
 * The first day a change since `last` can reach, undefined when nothing changed: the date of the
 * first document not the same in both (each kind comes in date order); a month's is before the window.
 */
function firstChanged(last: Answered, { months, days }: KpiWindow): string | undefined {
  return firstDifference(last.months, months) ?? firstDifference(last.days, days);
}

function firstDifference(before: Read[], after: { date: string }[]): string | undefined {
  for (let k = 0; k < Math.max(before.length, after.length); k++) {
    const [was, is] = [before[k], after[k]];
    if (was?.document.deref() !== is || !is) return [was?.date, is?.date].filter((date) => date !== undefined).sort()[0];
  }
  return undefined;
}
