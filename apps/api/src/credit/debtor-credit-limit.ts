import { Injectable } from '@nestjs/common';
import { DomainError, type OpenedAccount } from '@arrears/domain';
import { AccountCommandService, type AccountCommandInput, type CommandContext, type CommandOutcome } from '@arrears/commands';
import { DebtorAccounts } from '@arrears/erasure';
import type { AccountProcess } from '../command-handling/account-command.declaration';
import { receiptOf } from '../command-handling/command-receipt';
import type { SetDebtorCreditLimitRequest } from './credit.requests';
import type { DebtorCreditLimitSetResponse } from './credit.responses';

/** The domain command a request makes, the same on each of the debtor's accounts. */
export const debtorCreditLimitCommand = ({ amount, currency, overLimit }: SetDebtorCreditLimitRequest): AccountCommandInput => ({
  type: 'SetDebtorCreditLimit',
  data: { amount, currency, overLimit },
});

/**
 * Sets the debtor's credit limit across their accounts with the creditor, starting from one of them:
 * recorded on it first (so a refusal there, a closed or unknown account or a bad policy, records
 * nothing), then on each other open account of the debtor, found as erasure finds them (the account
 * read model's `by_debtor` index, once it has caught up with the log). Each account's invoices are
 * then checked against it, with the exposure on the others (see OtherAccountsExposure). A retry with
 * the same Idempotency-Key appends nothing twice (the event ids derive from the key and the stream).
 */
@Injectable()
export class DebtorCreditLimitSetting implements AccountProcess<DebtorCreditLimitSetResponse, SetDebtorCreditLimitRequest> {
  constructor(
    private readonly accounts: AccountCommandService,
    private readonly debtorAccounts: DebtorAccounts,
  ) {}

  async run(accountId: string, context: CommandContext, request: SetDebtorCreditLimitRequest): Promise<DebtorCreditLimitSetResponse> {
    const command = debtorCreditLimitCommand(request);
    const outcome = await this.accounts.handle(accountId, command, context);
    const { creditorId, debtor } = outcome.state as OpenedAccount;
    const others = (await this.debtorAccounts.of(creditorId, debtor.reference)).filter((id) => id !== accountId);
    const setElsewhere = (await Promise.all(others.map((other) => this.setOn(other, command, context)))).filter((set) => set !== null);
    const position = [outcome, ...setElsewhere].reduce((last, set) => (set.position > last ? set.position : last), 0n);
    return { ...receiptOf({ ...outcome, position }), accountIds: [accountId, ...setElsewhere.map((set) => set.accountId)] };
  }

  /** A closed account of the debtor owes nothing more: it is left as it is. */
  private async setOn(accountId: string, command: AccountCommandInput, context: CommandContext): Promise<CommandOutcome | null> {
    try {
      return await this.accounts.handle(accountId, command, context);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'ACCOUNT_CLOSED') return null;
      throw error;
    }
  }
}
