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
const slotId = (accountId: string, slot: number) => `${accountId}#${slot}`;
const slotsOf = (accountId: string, count = searchSlots): DocumentRef[] =>
  Array.from({ length: count }, (_, slot) => ({ collection: ACCOUNT_SEARCH, id: slotId(accountId, slot) }));

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
  // An opening touches only the slots its tokens fill (most debtors need a dozen, not all 32): catch-up
  // reads and writes each slot it names. An erasure empties them all.
  documentIds: (event) => {
    const accountId = accountIdOf(event);
    if (!accountId) return [];
    return event.type === 'AccountOpened' ? slotsOf(accountId, debtorTokens(event.data.debtor).length) : slotsOf(accountId);
  },
  evolve: (_documents, event): Evolved<SearchEntryDocument>[] => {
    const accountId = accountIdOf(event) as string;
    if (event.type !== 'AccountOpened') return slotsOf(accountId).map(() => null);
    const { creditorId, debtor } = event.data;
    return debtorTokens(debtor).map((token, slot) => ({ id: slotId(accountId, slot), digest: key.digest(token), accountId, creditorId }));
  },
});

/** Where readers find the search index. */
export const accountSearchReadModel = { name: ACCOUNT_SEARCH, collection: ACCOUNT_SEARCH } as const;
