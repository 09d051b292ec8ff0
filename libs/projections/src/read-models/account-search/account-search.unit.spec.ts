import type { AccountEvent } from '@arrears/domain';
import type { Projection } from '../../projection';
import { eventLog, facts, projectAll } from '../read-model.fixtures';
import { accountSearchProjectionFor, type SearchEntryDocument } from './account-search.projection';
import { AccountSearchKey, debtorTokens, queryTokens, searchSlots } from './search-tokens';

const key = new AccountSearchKey('a-search-key-secret-of-at-least-32-characters');
const projection = accountSearchProjectionFor(key) as unknown as Projection<SearchEntryDocument, AccountEvent>;
const on = eventLog();

describe('account search tokens', () => {
  it('index each name word by its first 3 to 8 letters and whole, lower-cased and without accents', () => {
    expect(debtorTokens({ name: 'Zoë Ng' })).toEqual(['n:zoe', 'n:ng']);
    expect(debtorTokens({ name: 'Ada Lovelace' })).toEqual(['n:ada', 'n:lov', 'n:love', 'n:lovel', 'n:lovela', 'n:lovelac', 'n:lovelace']);
  });

  it('index a phone number by its last 7 digits and more, up to the whole E.164 number', () => {
    expect(debtorTokens({ phone: '+15551234567' })).toEqual(['p:1234567', 'p:51234567', 'p:551234567', 'p:5551234567', 'p:15551234567']);
  });

  it('keep at most a fixed number of slots, phone first', () => {
    const tokens = debtorTokens({ phone: '+442071234567', name: 'Maximiliano Bartholomew Alexandrovich Featherstonehaugh Ponsonby' });
    expect(tokens).toHaveLength(searchSlots);
    expect(tokens[0]).toBe('p:1234567');
  });

  it('read a query as a phone number when it is digits and dialling signs, else as name words', () => {
    expect(queryTokens('+1 (555) 123-4567')).toEqual(['p:15551234567']);
    expect(queryTokens('123 4567')).toEqual(['p:1234567']);
    expect(queryTokens('12345')).toBeUndefined();
    expect(queryTokens('LOVEL, Ada')).toEqual(['n:lovel', 'n:ada']);
    expect(queryTokens('x')).toBeUndefined();
  });

  it('find a debtor by every query the tokens promise: a prefix, a whole word, the number with or without its country code', () => {
    const indexed = new Set(debtorTokens({ name: 'Ada Lovelace', phone: '+15551234567' }));
    for (const query of ['ada', 'Lovelace', 'lovel', 'ADA LOVE', '555 123 4567', '+1 555 123 4567', '1234567'])
      expect((queryTokens(query) ?? []).every((token) => indexed.has(token))).toBe(true);
    for (const query of ['lo', 'ovelace', 'Byron', '9995551234567']) expect((queryTokens(query) ?? ['none']).every((token) => indexed.has(token))).toBe(false);
  });
});

describe('account search read model', () => {
  const acc = on('acc-1');
  const opened = acc('AccountOpened', {
    ...facts.opened('acc-1'),
    debtor: { reference: 'D-1', name: 'Ada Lovelace', phone: '+15551234567', timeZone: 'UTC' },
  });

  it('keeps keyed digests of the tokens, never the name or the number', () => {
    const documents = [...projectAll(projection, [opened]).values()];
    expect(documents).toHaveLength(12);
    expect(documents.map((document) => document.digest)).toContain(key.digest('n:lovel'));
    expect(documents[0]).toMatchObject({ accountId: 'acc-1', creditorId: 'cred-1' });
    expect(JSON.stringify(documents)).not.toMatch(/ada|lovelace|1234567/i);
  });

  it('under another key, the same name gives other digests', () => {
    expect(new AccountSearchKey('another-search-key-secret-of-32-characters!').digest('n:ada')).not.toBe(key.digest('n:ada'));
  });

  it('empties every slot of the account when the debtor is erased', () => {
    const erased = acc('PersonalDataErased', { debtorReference: 'D-1', erasedOn: '2026-03-02' });
    expect(projectAll(projection, [opened, erased]).size).toBe(0);
  });

  describe('when the debtor’s contact details change', () => {
    const digests = (events: Parameters<typeof projectAll>[1]) => [...projectAll(projection, events).values()].map((document) => document.digest).sort();
    const indexedAs = (debtor: { name?: string; phone?: string }) =>
      debtorTokens(debtor)
        .map((token) => key.digest(token))
        .sort();

    it('finds the debtor by the new number and no longer by the old, still by name', () => {
      const changed = acc('DebtorContactDetailsChanged', { phone: '+15559876543' });
      expect(digests([opened, changed])).toEqual(indexedAs({ name: 'Ada Lovelace', phone: '+15559876543' }));
    });

    it('finds the debtor by the new name, still by number; a name removed leaves the number alone', () => {
      const renamed = acc('DebtorContactDetailsChanged', { name: 'Ada King' });
      expect(digests([opened, renamed])).toEqual(indexedAs({ name: 'Ada King', phone: '+15551234567' }));
      const unnamed = acc('DebtorContactDetailsChanged', { name: null });
      expect(digests([opened, unnamed])).toEqual(indexedAs({ phone: '+15551234567' }));
    });

    it('leaves the index as it is for a change of neither name nor phone', () => {
      const moved = acc('DebtorContactDetailsChanged', { timeZone: 'America/Chicago', email: 'ada@example.org' });
      expect(digests([opened, moved])).toEqual(digests([opened]));
    });
  });

  it('indexes nothing when a rebuild reads an opening already erased', () => {
    const rebuilt = on('acc-2')('AccountOpened', { ...facts.opened('acc-2'), debtor: { reference: 'D-2', timeZone: 'UTC', personalDataErased: true } });
    expect(projectAll(projection, [rebuilt]).size).toBe(0);
  });
});
