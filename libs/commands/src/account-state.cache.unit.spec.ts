import { AccountStateCache } from './account-state.cache';

const known = (revision: bigint) => ({ state: { status: 'unopened' as const }, revision, lastHash: '0'.repeat(64) });

describe('AccountStateCache', () => {
  it('forgets the least recently used account when full', () => {
    const cache = new AccountStateCache(2);
    cache.set('a', known(1n));
    cache.set('b', known(1n));
    cache.get('a');
    cache.set('c', known(1n));
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('keeps nothing with a capacity of zero', () => {
    const cache = new AccountStateCache(0);
    cache.set('a', known(1n));
    expect(cache.get('a')).toBeUndefined();
  });
});
