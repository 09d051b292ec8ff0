import type { AccountEvent } from '@arrears/domain';
import type { DocumentRef, Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountIdOf } from '../account-events';
import { debtorTokens, searchSlots, type AccountSearchKey } from './search-tokens';

/** One token of one account: the keyed digest a query's token is looked up by. */
export interface SearchEntryDocument extends ProjectedDocument {
  digest: string;
  accountId: string;
  creditorId: string;
}

const ACCOUNT_SEARCH = 'account_search';
const handled = ['AccountOpened', 'PersonalDataErased'] as const;
type SearchEvent = Extract<AccountEvent, { type: (typeof handled)[number] }>;

/** Every slot of an account, whatever it holds: an erasure removes them all without knowing what they were. */
const slotsOf = (accountId: string): DocumentRef[] =>
  Array.from({ length: searchSlots }, (_, slot) => ({ collection: ACCOUNT_SEARCH, id: `${accountId}#${slot}` }));

/**
 * The account search's blind index: for each account, the keyed digests of its debtor's name words
 * (and their prefixes) and phone number suffixes, one document each, in a fixed number of slots. It
 * reads the opened events (the vault opens them for projections), so what it stores is only digests;
 * `PersonalDataErased` empties every slot, and a rebuild after an erasure finds nothing to index, since
 * the opened event then reads as erased. Account ids and debtor references are searched in the
 * account read model, where they are in clear anyway.
 */
export const accountSearchProjectionFor = (key: AccountSearchKey): Projection<SearchEntryDocument, SearchEvent> => ({
  name: ACCOUNT_SEARCH,
  version: 1,
  collection: ACCOUNT_SEARCH,
  indexes: [
    {
      name: 'by_digest',
      fields: [
        { field: 'digest', direction: 'asc' },
        { field: 'creditorId', direction: 'asc' },
        { field: 'accountId', direction: 'asc' },
      ],
    },
  ],
  handles: handled,
  documentIds: (event) => {
    const accountId = accountIdOf(event);
    return accountId ? slotsOf(accountId) : [];
  },
  evolve: (_documents, event): Evolved<SearchEntryDocument>[] => {
    const accountId = accountIdOf(event) as string;
    const tokens = event.type === 'AccountOpened' ? debtorTokens(event.data.debtor) : [];
    const creditorId = event.type === 'AccountOpened' ? event.data.creditorId : '';
    return slotsOf(accountId).map(({ id }, slot) => {
      const token = tokens[slot];
      return token === undefined ? null : { id, digest: key.digest(token), accountId, creditorId };
    });
  },
});

/** Where readers find the search index. */
export const accountSearchReadModel = { name: ACCOUNT_SEARCH, collection: ACCOUNT_SEARCH } as const;
