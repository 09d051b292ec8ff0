import { Inject, Injectable } from '@nestjs/common';
import type { DebtorCreditLimitSet } from '@arrears/domain';
import { accountReadModel, debtorAccountsQuery, type AccountDocument } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import type { AccountCommandSources, CommandLookup } from '../command-handling/account-command.declaration';
import type { OpenAccountRequest } from '../accounts/accounts.requests';

/**
 * The credit limit a debtor already has with the creditor, for an account opened for them: read from
 * their other accounts in the account read model (the `by_debtor` index), as fresh as the read side, so
 * that the new account carries the limit from its first event (docs/credit.md). None: nothing to carry.
 */
@Injectable()
export class DebtorCreditLimitInForce implements CommandLookup<OpenAccountRequest, DebtorCreditLimitSet['data'] | undefined> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async find({ request }: AccountCommandSources<OpenAccountRequest>): Promise<DebtorCreditLimitSet['data'] | undefined> {
    const query = debtorAccountsQuery(request.creditorId, request.debtor.reference);
    const debtorAccounts = (await this.readStore.find(accountReadModel.collection, query)) as AccountDocument[];
    return debtorAccounts.find((document) => document.account.status === 'open' && document.account.debtorCreditLimit)?.account.debtorCreditLimit ?? undefined;
  }
}
