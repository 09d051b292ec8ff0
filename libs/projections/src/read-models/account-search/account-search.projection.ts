import type { AccountEvent, DebtorContactChanges } from '@arrears/domain';
import type { DocumentRef, Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountIdOf } from '../account-events';
import { debtorTokens, nameTokens, phoneTokens, searchSlots, type AccountSearchKey } from './search-tokens';

/** One token of one account: the keyed digest a query's token is looked up by. */
export interface SearchEntryDocument extends ProjectedDocument {
  digest: string;
  /** What the token is of (a phone number or a name), so that a change of one keeps the other's tokens. */
  kind: TokenKind;
  accountId: string;
  creditorId: string;
}

const ACCOUNT_SEARCH = 'account_search';
const handled = ['AccountOpened', 'DebtorContactDetailsChanged', 'PersonalDataErased'] as const;
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
 * the opened event then reads as erased. A change of name or phone replaces the tokens of what changed and
 * keeps the others (each slot knows its kind). Account ids and debtor references are searched in the
 * account read model, where they are in clear anyway.
 */
export const accountSearchProjectionFor = (key: AccountSearchKey): Projection<SearchEntryDocument, SearchEvent> => ({
  name: ACCOUNT_SEARCH,
  // 2: each slot knows whether it holds a phone or a name token; a change of contact details re-indexes.
  version: 2,
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
    if (event.type === 'AccountOpened') return slotsOf(accountId, debtorTokens(event.data.debtor).length);
    return event.type === 'PersonalDataErased' || changesSearchTokens(event.data) ? slotsOf(accountId) : [];
  },
  evolve: (documents, event): Evolved<SearchEntryDocument>[] => {
    const accountId = accountIdOf(event) as string;
    switch (event.type) {
      case 'PersonalDataErased':
        return slotsOf(accountId).map(() => null);
      case 'AccountOpened': {
        const { creditorId, debtor } = event.data;
        return debtorTokens(debtor).map((token, slot) => ({
          id: slotId(accountId, slot),
          digest: key.digest(token),
          kind: kindOfToken(token),
          accountId,
          creditorId,
        }));
      }
      case 'DebtorContactDetailsChanged':
        return reindexed(documents, accountId, event.metadata.creditorId, event.data, key);
    }
  },
});

type TokenKind = 'phone' | 'name';
type Digested = { kind: TokenKind; digest: string };

const kindOfToken = (token: string): TokenKind => (token.startsWith('p:') ? 'phone' : 'name');
const digested = (tokens: string[], key: AccountSearchKey): Digested[] =>
  [...new Set(tokens)].map((token) => ({ kind: kindOfToken(token), digest: key.digest(token) }));

/** A change whose tokens differ: a new name or phone (sealed fields read back erased are absent, so change nothing). */
const changesSearchTokens = (changes: DebtorContactChanges) => changes.name !== undefined || changes.phone !== undefined;

/**
 * The slots after a change: the changed kind's tokens anew, the other kind's digests as they were
 * (phone tokens first, as at the opening), every slot past them emptied.
 */
function reindexed(
  documents: (SearchEntryDocument | null)[],
  accountId: string,
  creditorId: string,
  changes: DebtorContactChanges,
  key: AccountSearchKey,
): Evolved<SearchEntryDocument>[] {
  const kept = (kind: TokenKind): Digested[] => documents.flatMap((document) => (document?.kind === kind ? [{ kind, digest: document.digest }] : []));
  const phone = changes.phone !== undefined ? digested(phoneTokens(changes.phone ?? undefined), key) : kept('phone');
  const name = changes.name !== undefined ? digested(nameTokens(changes.name ?? undefined), key) : kept('name');
  const tokens = [...phone, ...name];
  return slotsOf(accountId).map((_, slot) => {
    const token = tokens[slot];
    return token ? { id: slotId(accountId, slot), ...token, accountId, creditorId } : null;
  });
}

/** Where readers find the search index. */
export const accountSearchReadModel = { name: ACCOUNT_SEARCH, collection: ACCOUNT_SEARCH } as const;
