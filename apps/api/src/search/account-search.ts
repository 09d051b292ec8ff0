import { Inject, Injectable } from '@nestjs/common';
import { isId, totalOutstanding } from '@arrears/domain';
import {
  accountReadModel,
  accountSearchReadModel,
  queryTokens,
  type AccountDocument,
  type AccountSearchKey,
  type SearchEntryDocument,
} from '@arrears/projections';
import { READ_STORE, type Condition, type ReadStore } from '@arrears/read-store';
import type { AccountSearchLine, MatchKind } from './search.responses';

/** The search key, derived once at start (see AccountSearchKey). */
export const ACCOUNT_SEARCH_KEY = Symbol('AccountSearchKey');

/** The creditors a caller may see (`*`: all), narrowed to one when asked. */
export type SearchScope = readonly string[] | '*';

/** How many accounts the first word of a name may match: a broader query shows the first of them by account id. */
const matchesPerWord = 1_000;

/**
 * Finds accounts for an inbound call: by account id and debtor reference in the account read model
 * (in clear there), by name words or phone number in the blind index (digests of the query's tokens
 * under the same key the projection used). Every token of a query must match. Lines are opened from
 * the account read model, whose debtor the vault opened for the projector (erased debtors have none).
 */
@Injectable()
export class AccountSearch {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(ACCOUNT_SEARCH_KEY) private readonly key: AccountSearchKey,
  ) {}

  /** Matching account ids in order, with what each matched. */
  async matches(query: string, scope: SearchScope): Promise<Map<string, MatchKind[]>> {
    const found = new Map<string, MatchKind[]>();
    const add = (accountId: string, kind: MatchKind) => found.set(accountId, [...(found.get(accountId) ?? []), kind]);
    const text = query.trim();
    if (isId(text)) {
      const account = (await this.readStore.get(accountReadModel.collection, text, { omit: ['account', 'kpis'] })) as AccountDocument | null;
      if (account && inScope(scope, account.creditorId)) add(account.id, 'accountId');
    }
    const byReference = await this.readStore.find(accountReadModel.collection, {
      where: [{ field: 'account.debtor.reference', op: 'eq', value: text }, ...creditorCondition('creditorId', scope)],
      limit: matchesPerWord,
      omit: ['account', 'kpis'],
    });
    for (const { id } of byReference) add(id, 'debtorReference');
    const tokens = queryTokens(text);
    if (tokens) for (const accountId of await this.byTokens(tokens, scope)) add(accountId, tokens[0]?.startsWith('p:') ? 'phone' : 'name');
    return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The lines of these accounts, in the order given. */
  async lines(matches: [string, MatchKind[]][]): Promise<AccountSearchLine[]> {
    if (!matches.length) return [];
    const documents = (await this.readStore.find(accountReadModel.collection, {
      where: [{ field: 'id', op: 'in', value: matches.map(([accountId]) => accountId) }],
      omit: ['kpis'],
    })) as AccountDocument[];
    const byId = new Map(documents.map((document) => [document.id, document]));
    return matches.flatMap(([accountId, matchedBy]) => {
      const document = byId.get(accountId);
      if (!document) return [];
      const { account } = document;
      return [
        {
          accountId,
          creditorId: account.creditorId,
          debtorReference: account.debtor.reference,
          debtorName: account.debtor.name ?? null,
          status: account.status,
          currency: account.currency,
          balance: totalOutstanding(account),
          matchedBy,
        },
      ];
    });
  }

  /** Accounts holding every token: the first token's matches, narrowed by each further one. */
  private async byTokens(tokens: string[], scope: SearchScope): Promise<string[]> {
    let accountIds: string[] | undefined;
    for (const token of tokens) {
      if (accountIds?.length === 0) return [];
      const where: Condition[] = [{ field: 'digest', op: 'eq', value: this.key.digest(token) }, ...creditorCondition('creditorId', scope)];
      if (accountIds) where.push({ field: 'accountId', op: 'in', value: accountIds });
      const entries = (await this.readStore.find(accountSearchReadModel.collection, {
        where,
        orderBy: [{ field: 'accountId', direction: 'asc' }],
        limit: matchesPerWord,
      })) as SearchEntryDocument[];
      accountIds = [...new Set(entries.map((entry) => entry.accountId))];
    }
    return accountIds ?? [];
  }
}

const inScope = (scope: SearchScope, creditorId: string) => scope === '*' || scope.includes(creditorId);

const creditorCondition = (field: string, scope: SearchScope): Condition[] => (scope === '*' ? [] : [{ field, op: 'in', value: [...scope] }]);
