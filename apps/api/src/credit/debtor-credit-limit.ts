import { Injectable } from '@nestjs/common';
import { DomainError, requireDebtorCreditLimitLifted, type OpenedAccount } from '@arrears/domain';
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
 * from one of them: decided on it first (so a refusal there, a closed or unknown account or a bad
 * policy, records nothing), then on each other open account of the debtor, found as erasure finds them
 * (the account read model's `by_debtor` index, once it has caught up with the log); closed accounts
 * are left as they are. If-Match speaks of the named account alone. The answer names the accounts the
 * change was recorded on. A retry with the same Idempotency-Key appends nothing twice (the event ids
 * derive from the key and the stream) and finishes a change that stopped halfway.
 */
// Decorated so that its constructor's parameter types are recorded: Nest builds each subclass with them.
@Injectable()
abstract class DebtorCreditLimitChange<Request> implements AccountProcess<DebtorCreditLimitChangedResponse, Request> {
  constructor(
    private readonly accounts: AccountCommandService,
    private readonly debtorAccounts: DebtorAccounts,
  ) {}

  protected abstract commandOf(request: Request): AccountCommandInput;

  async run(accountId: string, context: CommandContext, request: Request): Promise<DebtorCreditLimitChangedResponse> {
    const command = this.commandOf(request);
    const outcome = await this.accounts.handle(accountId, command, context);
    const { creditorId, debtor } = outcome.state as OpenedAccount;
    const others = (await this.debtorAccounts.of(creditorId, debtor.reference)).filter((id) => id !== accountId);
    const elsewhere = { ...context, expectedRevision: undefined };
    const changed = [outcome, ...(await Promise.all(others.map((other) => this.changeOn(other, command, elsewhere))))].filter(
      (change): change is CommandOutcome => change !== null && change.events.length > 0,
    );
    const position = changed.reduce((last, change) => (change.position > last ? change.position : last), outcome.position);
    return { ...receiptOf({ ...outcome, position }), accountIds: changed.map((change) => change.accountId) };
  }

  /** A closed account of the debtor owes nothing more: it is left as it is. */
  private async changeOn(accountId: string, command: AccountCommandInput, context: CommandContext): Promise<CommandOutcome | null> {
    try {
      return await this.accounts.handle(accountId, command, context);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'ACCOUNT_CLOSED') return null;
      throw error;
    }
  }
}

/** Sets the debtor's limit, replacing any before it, on each of their open accounts. */
@Injectable()
export class DebtorCreditLimitSetting extends DebtorCreditLimitChange<SetDebtorCreditLimitRequest> {
  protected commandOf(request: SetDebtorCreditLimitRequest): AccountCommandInput {
    return debtorCreditLimitCommand(request);
  }
}

/** Lifts the debtor's limit from each of their open accounts that holds it: from one at least. */
@Injectable()
export class DebtorCreditLimitRemoval extends DebtorCreditLimitChange<unknown> {
  protected commandOf(): AccountCommandInput {
    return debtorCreditLimitRemovalCommand;
  }

  override async run(accountId: string, context: CommandContext, request: unknown): Promise<DebtorCreditLimitChangedResponse> {
    const removed = await super.run(accountId, context, request);
    requireDebtorCreditLimitLifted(removed.accountIds.length);
    return removed;
  }
}
