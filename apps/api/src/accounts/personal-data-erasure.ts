import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { OpenedAccount } from '@arrears/domain';
import { AccountCommandService, type CommandContext, type CommandOutcome } from '@arrears/commands';
import { APP_CONFIG } from '@arrears/backends';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import type { AppConfig } from '@arrears/platform';
import { accountProjection, ProjectionProgress } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import type { AccountProcess } from '../command-handling/account-command.declaration';
import { CommandReceipt, receiptOf } from '../command-handling/command-receipt';

export class PersonalDataErasure extends CommandReceipt {
  @ApiProperty({
    example: ['acc-1', 'acc-7'],
    description: 'Every account of the debtor: their data key was one, so their personal data is erased in each.',
  })
  erasedAccountIds!: string[];
}

/**
 * Records the erasure on the account, destroys the debtor's data key, then records it on the
 * debtor's other accounts, whose personal data that key sealed too. In that order, so a retry after
 * any failure finishes the job, and no read model keeps what a rebuild would show as erased.
 */
@Injectable()
export class PersonalDataErasureProcess implements AccountProcess<PersonalDataErasure> {
  constructor(
    private readonly accounts: AccountCommandService,
    private readonly vault: PersonalDataVault,
    private readonly progress: ProjectionProgress,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(accountId: string, context: CommandContext): Promise<PersonalDataErasure> {
    const outcome = await this.erase(accountId, context);
    const { creditorId, debtor } = outcome.state as OpenedAccount;
    await this.vault.forget(creditorId, debtor.reference);
    const others = await this.otherAccountsOf(creditorId, debtor.reference, accountId);
    const erasedElsewhere = await Promise.all(others.map((other) => this.erase(other, context)));
    const position = [outcome, ...erasedElsewhere].reduce((last, { position }) => (position > last ? position : last), 0n);
    return { ...receiptOf({ ...outcome, position }), erasedAccountIds: [accountId, ...others] };
  }

  private erase(accountId: string, context: CommandContext): Promise<CommandOutcome> {
    return this.accounts.handle(accountId, { type: 'ErasePersonalData', data: {} }, context);
  }

  /** From the account read model, once it has caught up with the log as it is now. */
  private async otherAccountsOf(creditorId: string, debtorReference: string, accountId: string): Promise<string[]> {
    await this.progress.waitFor(await this.events.headPosition(), [accountProjection.name], this.config.readWaitMs);
    const found = await this.readStore.find(accountProjection.collection, {
      where: [
        { field: 'creditorId', op: 'eq', value: creditorId },
        { field: 'account.debtor.reference', op: 'eq', value: debtorReference },
      ],
    });
    return found.map((document) => document.id).filter((id) => id !== accountId);
  }
}
