import { Inject, Injectable } from '@nestjs/common';
import { AccountCommandService, eventOf, type CommandContext } from '@arrears/commands';
import { accountStream, requireOpen, requireReportableDebtor, ruleBroken, type CreditReport } from '@arrears/domain';
import { ProblemException } from '@arrears/platform';
import type { AccountProcess } from '../command-handling/account-command.declaration';
import { receiptOf } from '../command-handling/command-receipt';
import { CREDIT_BUREAU, CreditBureauUnavailable, type BureauReport, type CreditBureau, type CreditReportSubject } from './bureau/credit-bureau.port';
import type { CreditReportPulledResponse } from './credit.responses';

/**
 * Fetches the bureau's latest report on the account's debtor through the bureau port and records it as
 * any report is (CreditReportRecorded, source `bureau`). The account is checked first, so a closed or
 * absent one, or one whose debtor's personal data is erased, costs no call to the bureau. 422 CREDIT_BUREAU_OFF without a bureau, NO_CREDIT_FILE when it
 * holds none; a bureau that cannot answer now is 503 CREDIT_BUREAU_UNAVAILABLE with Retry-After.
 */
@Injectable()
export class CreditReportPull implements AccountProcess<CreditReportPulledResponse> {
  constructor(
    @Inject(CREDIT_BUREAU) private readonly bureau: CreditBureau | null,
    private readonly accounts: AccountCommandService,
  ) {}

  async run(accountId: string, context: CommandContext): Promise<CreditReportPulledResponse> {
    if (!this.bureau) throw ruleBroken('CREDIT_BUREAU_OFF', 'No credit bureau is configured here (CREDIT_BUREAU_URL).');
    // A retry of a pull already recorded answers with that report: asking again would be a second inquiry.
    const earlier = await this.accounts.recalled(accountId, context);
    const recorded = earlier && eventOf(earlier, 'CreditReportRecorded');
    if (earlier && recorded) {
      const { bureau, score, scaleMin, scaleMax, reportedOn, reasonCodes } = recorded.data as CreditReport;
      return { ...receiptOf(earlier), bureau, score, scaleMin, scaleMax, reportedOn, reasonCodes };
    }
    const account = requireOpen((await this.accounts.accounts.load(accountStream(accountId))).state);
    // Checked before the bureau is asked: an erased debtor's reference is not sent to it.
    requireReportableDebtor(account);
    const report = await this.fetch(this.bureau, { creditorId: account.creditorId, debtorReference: account.debtor.reference });
    const outcome = await this.accounts.handle(accountId, { type: 'RecordCreditReport', data: { ...report, source: 'bureau' } }, context);
    return { ...receiptOf(outcome), ...report };
  }

  private async fetch(bureau: CreditBureau, subject: CreditReportSubject): Promise<BureauReport> {
    let report: BureauReport | null;
    try {
      report = await bureau.fetchReport(subject);
    } catch (error) {
      if (!(error instanceof CreditBureauUnavailable)) throw error;
      throw new ProblemException(
        503,
        'CREDIT_BUREAU_UNAVAILABLE',
        'Service unavailable',
        error.message,
        {},
        { 'retry-after': String(error.retryAfterSeconds) },
      );
    }
    if (!report) throw ruleBroken('NO_CREDIT_FILE', 'The credit bureau holds no file on the debtor.');
    return report;
  }
}
