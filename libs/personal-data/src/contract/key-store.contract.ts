import { randomBytes, randomUUID } from 'node:crypto';
import type { KeyStore } from '../key-store.port';
import type { KeyEncryption } from '../key-encryption/key-encryption.port';
import { LocalKeyEncryption } from '../key-encryption/local-key-encryption';

/** The adapter's storage as the database holds it, bypassing the adapter. */
export interface StoredKeys {
  /** The bytes stored for a key id. */
  bytesOf(keyId: string): Promise<Buffer | undefined>;
  /** A live key stored in clear, as versions before wrapping stored it. */
  insertUnwrapped(keyId: string, subject: string, key: Buffer): Promise<void>;
}

/** What every KeyStore must do; run against each adapter. */
export function keyStoreContract(name: string, create: (wrapping: KeyEncryption) => Promise<KeyStore>, stored: () => StoredKeys) {
  describe(`key store contract: ${name}`, () => {
    let store: KeyStore;
    const kek = new LocalKeyEncryption('the-key-encryption-key-of-32-characters');
    const subject = () => `cred-1/D-${randomUUID()}`;
    beforeAll(async () => {
      store = await create(kek);
    });
    afterAll(async () => {
      await store.close();
    });

    it('stores a key only wrapped: what the database holds is not the key, and opens only under the key-encryption key', async () => {
      const { keyId, key } = await store.keyFor(subject());
      const bytes = (await stored().bytesOf(keyId)) as Buffer;
      expect(bytes.includes(key)).toBe(false);
      expect(await kek.unwrap(bytes, keyId)).toEqual(key);
      await expect(new LocalKeyEncryption('another-key-encryption-key-of-32-chars').unwrap(bytes, keyId)).rejects.toThrow();
    });

    it('wraps keys stored in clear before keys were wrapped when it opens, and they keep opening', async () => {
      const keyId = randomUUID();
      const clear = randomBytes(32);
      await stored().insertUnwrapped(keyId, subject(), clear);
      const reopened = await create(kek);
      try {
        expect((await reopened.find([keyId])).get(keyId)).toEqual(clear);
        expect((await stored().bytesOf(keyId))?.includes(clear)).toBe(false);
      } finally {
        await reopened.close();
      }
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

    it('gives a subject’s live key without making one: none before the first, nor once destroyed', async () => {
      const debtor = subject();
      expect(await store.liveKey(debtor)).toBeUndefined();
      expect(await store.liveKey(debtor)).toBeUndefined();
      const made = await store.keyFor(debtor);
      expect(await store.liveKey(debtor)).toEqual(made);
      await store.destroy(debtor);
      expect(await store.liveKey(debtor)).toBeUndefined();
      expect(await store.keyFor(debtor)).not.toEqual(made);
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
