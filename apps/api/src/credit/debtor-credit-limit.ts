import { Injectable } from '@nestjs/common';
import { DomainError, type OpenedAccount } from '@arrears/domain';
import { AccountCommandService, type AccountCommandInput, type CommandContext, type CommandOutcome } from '@arrears/commands';
import { DebtorAccounts } from '@arrears/erasure';
import type { AccountProcess } from '../command-handling/account-command.declaration';
import { receiptOf } from '../command-handling/command-receipt';
import type { SetDebtorCreditLimitRequest } from './credit.requests';
import type { DebtorCreditLimitChangedResponse } from './credit.responses';

/** The domain command a request makes, the same on each of the debtor's accounts. */
export const debtorCreditLimitCommand = ({ amount, currency, overLimit }: SetDebtorCreditLimitRequest): AccountCommandInput => ({
  type: 'SetDebtorCreditLimit',
  data: { amount, currency, overLimit },
});
export const debtorCreditLimitRemovalCommand: AccountCommandInput = { type: 'RemoveDebtorCreditLimit', data: {} };

/**
 * Records a change of the debtor's credit limit across their accounts with the creditor, starting
 * from one of them: recorded on it first (so a refusal there, a closed or unknown account, a bad policy
 * or no limit to remove, records nothing), then on each other open account of the debtor, found as
 * erasure finds them (the account read model's `by_debtor` index, once it has caught up with the log).
 * An account the change cannot apply to (`passedOver`) is left as it is. A retry with the same
 * Idempotency-Key appends nothing twice (the event ids derive from the key and the stream).
 */
// Decorated so that its constructor's parameter types are recorded: Nest builds each subclass with them.
@Injectable()
abstract class DebtorCreditLimitChange<Request> implements AccountProcess<DebtorCreditLimitChangedResponse, Request> {
  constructor(
    private readonly accounts: AccountCommandService,
    private readonly debtorAccounts: DebtorAccounts,
  ) {}

  protected abstract commandOf(request: Request): AccountCommandInput;
  /** The refusals that mean "nothing to change here" on the debtor's other accounts. */
  protected abstract readonly passedOver: readonly string[];

  async run(accountId: string, context: CommandContext, request: Request): Promise<DebtorCreditLimitChangedResponse> {
    const command = this.commandOf(request);
    const outcome = await this.accounts.handle(accountId, command, context);
    const { creditorId, debtor } = outcome.state as OpenedAccount;
    const others = (await this.debtorAccounts.of(creditorId, debtor.reference)).filter((id) => id !== accountId);
    const changed = (await Promise.all(others.map((other) => this.changeOn(other, command, context)))).filter((change) => change !== null);
    const position = [outcome, ...changed].reduce((last, change) => (change.position > last ? change.position : last), 0n);
    return { ...receiptOf({ ...outcome, position }), accountIds: [accountId, ...changed.map((change) => change.accountId)] };
  }

  private async changeOn(accountId: string, command: AccountCommandInput, context: CommandContext): Promise<CommandOutcome | null> {
    try {
      return await this.accounts.handle(accountId, command, context);
    } catch (error) {
      if (error instanceof DomainError && this.passedOver.includes(error.code)) return null;
      throw error;
    }
  }
}

/** Sets the debtor's limit; a closed account of the debtor owes nothing more and is passed over. */
@Injectable()
export class DebtorCreditLimitSetting extends DebtorCreditLimitChange<SetDebtorCreditLimitRequest> {
  protected readonly passedOver = ['ACCOUNT_CLOSED'];
  protected commandOf(request: SetDebtorCreditLimitRequest): AccountCommandInput {
    return debtorCreditLimitCommand(request);
  }
}

/** Lifts the debtor's limit; an account of the debtor that is closed, or never held the limit, is passed over. */
@Injectable()
export class DebtorCreditLimitRemoval extends DebtorCreditLimitChange<unknown> {
  protected readonly passedOver = ['ACCOUNT_CLOSED', 'NO_DEBTOR_CREDIT_LIMIT'];
  protected commandOf(): AccountCommandInput {
    return debtorCreditLimitRemovalCommand;
  }
}
