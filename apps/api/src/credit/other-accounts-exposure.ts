import { Inject, Injectable } from '@nestjs/common';
import { debtorExposureOf } from '@arrears/domain';
import { accountReadModel, foldOnlyAccountFields, type AccountDocument } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import type { AccountCommandSources, CommandLookup } from '../command-handling/account-command.declaration';
import { debtorAccountsOf } from './debtor-accounts';

/**
 * What the debtor owes on their other accounts with the creditor, in the invoice's currency, for the
 * debtor's credit limit (docs/credit.md): from the account read model, as fresh as the read side, without
 * waiting for it. Only an account whose debtor has a limit there pays for the second read (the debtor's
 * accounts, by the `by_debtor` index); otherwise nothing is looked up and the domain counts nothing
 * elsewhere.
 */
@Injectable()
export class OtherAccountsExposure implements CommandLookup<{ currency: string }, number | undefined> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async find({ accountId, request }: AccountCommandSources<{ currency: string }>): Promise<number | undefined> {
    const own = (await this.readStore.get(accountReadModel.collection, accountId, { omit: foldOnlyAccountFields })) as AccountDocument | undefined;
    if (!own?.account.debtorCreditLimit) return undefined;
    const others = (await debtorAccountsOf(this.readStore, own)).filter((account) => account.accountId !== accountId);
    return debtorExposureOf(others, request.currency);
  }
}
