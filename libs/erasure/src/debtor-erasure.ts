import { Injectable } from '@nestjs/common';
import type { OpenedAccount } from '@arrears/domain';
import { AccountCommandService, type CommandContext, type CommandOutcome } from '@arrears/commands';
import { PersonalDataVault } from '@arrears/personal-data';
import { DebtorAccounts } from './debtor-accounts';

/** What erasing a debtor did: the named account's outcome (at the last position written) and every account erased. */
export interface DebtorErased {
  outcome: CommandOutcome;
  erasedAccountIds: string[];
}

/**
 * Erases a debtor's personal data, starting from one of their accounts: records the erasure on it,
 * destroys the debtor's data key, then records it on the debtor's other accounts, whose personal data
 * that key sealed too. In that order, so a retry after any failure finishes the job, and no read model
 * keeps what a rebuild would show as erased. The same for the HTTP API, the scheduler or a CLI.
 */
@Injectable()
export class DebtorErasure {
  constructor(
    private readonly accounts: AccountCommandService,
    private readonly vault: PersonalDataVault,
    private readonly debtorAccounts: DebtorAccounts,
  ) {}

  async erase(accountId: string, context: CommandContext): Promise<DebtorErased> {
    const outcome = await this.eraseOn(accountId, context);
    const { creditorId, debtor } = outcome.state as OpenedAccount;
    await this.vault.forget(creditorId, debtor.reference);
    const others = (await this.debtorAccounts.of(creditorId, debtor.reference)).filter((id) => id !== accountId);
    const erasedElsewhere = await Promise.all(others.map((other) => this.eraseOn(other, context)));
    const position = [outcome, ...erasedElsewhere].reduce((last, { position }) => (position > last ? position : last), 0n);
    return { outcome: { ...outcome, position }, erasedAccountIds: [accountId, ...others] };
  }

  private eraseOn(accountId: string, context: CommandContext): Promise<CommandOutcome> {
    return this.accounts.handle(accountId, { type: 'ErasePersonalData', data: {} }, context);
  }
}
