import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';
import { accountReadModel, debtorAccountsQuery, ProjectionProgress } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';

/** Where a debtor's accounts with a creditor are found: one data key seals the personal data of them all. */
export abstract class DebtorAccounts {
  abstract of(creditorId: string, debtorReference: string): Promise<string[]>;
}

/** From the account read model, once it has caught up with the log as it is now. */
@Injectable()
export class AccountReadModelDebtorAccounts extends DebtorAccounts {
  constructor(
    private readonly progress: ProjectionProgress,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async of(creditorId: string, debtorReference: string): Promise<string[]> {
    await this.progress.waitFor(await this.events.headPosition(), [accountReadModel.name], this.config.readWaitMs);
    const found = await this.readStore.find(accountReadModel.collection, debtorAccountsQuery(creditorId, debtorReference));
    return found.map((document) => document.id);
  }
}
