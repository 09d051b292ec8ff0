import type { CreditReport } from '@arrears/domain';

/** Whom a report is asked about: the debtor as the creditor knows them (no personal field leaves here). */
export interface CreditReportSubject {
  creditorId: string;
  debtorReference: string;
}

/** A report as a bureau gives it: the domain's report, less where it came from. */
export type BureauReport = Omit<CreditReport, 'source'>;

/**
 * A credit bureau, asked for its latest report on a subject: the report, or null when it holds no
 * file on them. A bureau that cannot answer now (down, slow, refusing our credentials, answering
 * nonsense) throws CreditBureauUnavailable.
 */
export interface CreditBureau {
  fetchReport(subject: CreditReportSubject): Promise<BureauReport | null>;
}

/** The configured bureau, or null where none is (CREDIT_BUREAU_URL unset). */
export const CREDIT_BUREAU = Symbol('CREDIT_BUREAU');

/** The bureau did not give a usable answer; asking again after `retryAfterSeconds` may. */
export class CreditBureauUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'CreditBureauUnavailable';
  }
}
