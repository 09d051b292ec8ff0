import { randomUUID } from 'node:crypto';
import type { KeyStore } from '../key-store.port';

/** What every KeyStore must do; run against each adapter. */
export function keyStoreContract(name: string, create: () => Promise<KeyStore>) {
  describe(`key store contract: ${name}`, () => {
    let store: KeyStore;
    const subject = () => `cred-1/D-${randomUUID()}`;
    beforeAll(async () => {
      store = await create();
    });
    afterAll(async () => {
      await store.close();
    });

    it('makes a 32-byte key on first use and gives the same one after', async () => {
      const debtor = subject();
      const first = await store.keyFor(debtor);
      expect(first.key).toHaveLength(32);
      expect(await store.keyFor(debtor)).toEqual(first);
      expect((await store.keyFor(subject())).key.equals(first.key)).toBe(false);
    });

    it('gives racing callers one key', async () => {
      const debtor = subject();
      const keys = await Promise.all(Array.from({ length: 8 }, () => store.keyFor(debtor)));
      expect(new Set(keys.map((key) => key.keyId)).size).toBe(1);
    });

    it('finds live keys by id, and nothing for ids it does not know', async () => {
      const a = await store.keyFor(subject());
      const b = await store.keyFor(subject());
      const found = await store.find([a.keyId, b.keyId, randomUUID(), 'not-a-uuid']);
      expect([...found.keys()].sort()).toEqual([a.keyId, b.keyId].sort());
      expect(found.get(a.keyId)?.equals(a.key)).toBe(true);
      expect(await store.find([])).toEqual(new Map());
    });

    it('destroys a subject’s key for good, and only that subject’s', async () => {
      const debtor = subject();
      const doomed = await store.keyFor(debtor);
      const other = await store.keyFor(subject());
      expect(await store.destroy(debtor)).toBe(1);
      expect(await store.destroy(debtor)).toBe(0);
      const found = await store.find([doomed.keyId, other.keyId]);
      expect(found.has(doomed.keyId)).toBe(false);
      expect(found.has(other.keyId)).toBe(true);
    });

    it('makes a new key for a subject whose key was destroyed; the old one stays gone', async () => {
      const debtor = subject();
      const before = await store.keyFor(debtor);
      await store.destroy(debtor);
      const after = await store.keyFor(debtor);
      expect(after.keyId).not.toBe(before.keyId);
      expect(after.key.equals(before.key)).toBe(false);
      expect([...(await store.find([before.keyId, after.keyId])).keys()]).toEqual([after.keyId]);
    });
  });
}
