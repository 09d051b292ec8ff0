import { isIsoDate, type IsoDate } from '../calendar/calendar';
import { ruleBroken } from '../errors/domain-error';
import { requireDebtorNotErased } from '../account/account.guards';
import type { CreditReportState, OpenedAccount } from '../account/account.state';
import type { CreditReport, ErasedCreditReport } from './credit.events';

/** Reason codes as bureaus write them: short letters, digits, dots, dashes and underscores. */
export const reasonCodePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/;
export const maxReasonCodes = 20;

const invalid = (field: string, reason: string, details: Record<string, unknown> = {}) => ruleBroken('INVALID_CREDIT_REPORT', reason, { field, ...details });

/** A report is about a person: none is recorded, nor asked of a bureau, once the debtor's personal data is erased. */
export function requireReportableDebtor(account: OpenedAccount): void {
  requireDebtorNotErased(account, 'no credit report on them is recorded.');
}

/**
 * A report as the domain accepts it: whole numbers on a scale whose worst end is below its best, the
 * score on it, a date that is not after the debtor's `today`, and reason codes bureaus could have written.
 */
export function requireValidReport(report: CreditReport, today: IsoDate): void {
  const { bureau, score, scaleMin, scaleMax, reportedOn, reasonCodes } = report;
  if (bureau.trim() === '' || bureau.length > 64) throw invalid('bureau', 'bureau must name the bureau in 1 to 64 characters.');
  for (const [field, value] of [
    ['score', score],
    ['scaleMin', scaleMin],
    ['scaleMax', scaleMax],
  ] as const) {
    if (!Number.isSafeInteger(value)) throw invalid(field, `${field} must be a whole number.`);
  }
  if (scaleMin >= scaleMax) throw invalid('scaleMax', 'scaleMax must be above scaleMin.', { scaleMin, scaleMax });
  if (score < scaleMin || score > scaleMax) throw invalid('score', `score must be on the scale, from ${scaleMin} to ${scaleMax}.`, { scaleMin, scaleMax });
  if (!isIsoDate(reportedOn)) throw invalid('reportedOn', 'reportedOn must be a date written YYYY-MM-DD.');
  if (reportedOn > today) throw invalid('reportedOn', `reportedOn cannot be after the debtor's today (${today}).`, { today });
  if (reasonCodes.length > maxReasonCodes || !reasonCodes.every((code) => reasonCodePattern.test(code))) {
    throw invalid('reasonCodes', `reasonCodes must be at most ${maxReasonCodes} codes of 1 to 16 letters, digits, '.', '-' or '_'.`);
  }
}

/**
 * The latest report by its date: one dated earlier than the one held (a late arrival) does not replace
 * it; one of the same date does, being the later word. An erased report is no longer read.
 */
export function latestReport(held: CreditReportState | undefined, report: CreditReport | ErasedCreditReport): CreditReportState | undefined {
  if ('erased' in report) return held;
  if (held && report.reportedOn < held.reportedOn) return held;
  const { bureau, score, scaleMin, scaleMax, reportedOn } = report;
  return { bureau, score, scaleMin, scaleMax, reportedOn };
}
