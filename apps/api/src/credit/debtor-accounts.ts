import type { OpenedAccount } from '@arrears/domain';
import { accountReadModel, debtorAccountsQuery, type AccountDocument } from '@arrears/projections';
import type { ReadStore } from '@arrears/read-store';

/**
 * The debtor's accounts with the creditor, `account`'s among them, as the account read model holds them (by its
 * `by_debtor` index): what their credit limit across those accounts is held against (docs/credit.md).
 */
export async function debtorAccountsOf(
  readStore: ReadStore,
  { creditorId, account }: Pick<AccountDocument, 'creditorId' | 'account'>,
): Promise<OpenedAccount[]> {
  const documents = (await readStore.find(accountReadModel.collection, debtorAccountsQuery(creditorId, account.debtor.reference))) as AccountDocument[];
  return documents.map((document) => document.account);
}
