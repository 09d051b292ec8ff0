import { randomBytes, randomUUID } from 'node:crypto';
import type { DataKey, KeyStore } from '../key-store.port';

/** Keys in a Map: the vault's logic, and whatever uses the vault, without a database (unit tests). */
export class InMemoryKeyStore implements KeyStore {
  readonly backend = 'memory';
  readonly live = new Map<string, DataKey>();

  keyFor(subject: string): Promise<DataKey> {
    const key = this.live.get(subject) ?? { keyId: randomUUID(), key: randomBytes(32) };
    this.live.set(subject, key);
    return Promise.resolve(key);
  }

  liveKey(subject: string): Promise<DataKey | undefined> {
    return Promise.resolve(this.live.get(subject));
  }

  find(keyIds: string[]): Promise<Map<string, Buffer>> {
    return Promise.resolve(new Map([...this.live.values()].filter((key) => keyIds.includes(key.keyId)).map((key) => [key.keyId, key.key])));
  }

  destroy(subject: string): Promise<number> {
    return Promise.resolve(this.live.delete(subject) ? 1 : 0);
  }

  async close(): Promise<void> {}
}
