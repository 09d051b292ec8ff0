import { randomBytes, randomUUID } from 'node:crypto';
import { Binary, MongoClient, MongoServerError, type Collection } from 'mongodb';
import type { DataKey, KeyStore } from '../key-store.port';
import type { KeyEncryption } from '../key-encryption/key-encryption.port';
import { isUnwrappedKey } from '../key-encryption/local-key-encryption';

interface KeyDocument {
  _id: string;
  subject: string;
  /** Wrapped under the key-encryption key; null once destroyed: the document stays as the record that it was. */
  key: Binary | null;
  live: boolean;
  createdAt: Date;
  destroyedAt: Date | null;
}

const duplicateKey = 11000;

/** Data keys in a MongoDB collection, only wrapped, one live key per subject by a partial unique index. */
export class MongoKeyStore implements KeyStore {
  readonly backend = 'mongodb';

  private constructor(
    private readonly client: MongoClient,
    private readonly keys: Collection<KeyDocument>,
    private readonly wrapping: KeyEncryption,
  ) {}

  static async connect(url: string, wrapping: KeyEncryption): Promise<MongoKeyStore> {
    const client = await MongoClient.connect(url);
    const keys = client.db().collection<KeyDocument>('personal_data_keys');
    await keys.createIndex({ subject: 1 }, { name: 'live_subject', unique: true, partialFilterExpression: { live: true } });
    const store = new MongoKeyStore(client, keys, wrapping);
    await store.wrapUnwrappedKeys();
    return store;
  }

  async keyFor(subject: string): Promise<DataKey> {
    const live = await this.liveKey(subject);
    if (live) return live;
    const key = randomBytes(32);
    const keyId = randomUUID();
    try {
      const wrapped = await this.wrapping.wrap(key, keyId);
      await this.keys.insertOne({ _id: keyId, subject, key: new Binary(wrapped), live: true, createdAt: new Date(), destroyedAt: null });
      return { keyId, key };
    } catch (error) {
      if (error instanceof MongoServerError && error.code === duplicateKey) return this.keyFor(subject);
      throw error;
    }
  }

  async liveKey(subject: string): Promise<DataKey | undefined> {
    const live = await this.keys.findOne({ subject, live: true });
    return live?.key ? { keyId: live._id, key: await this.unwrap(live._id, live.key) } : undefined;
  }

  async find(keyIds: string[]): Promise<Map<string, Buffer>> {
    if (keyIds.length === 0) return new Map();
    const found = await this.keys.find({ _id: { $in: keyIds }, live: true }).toArray();
    const opened = await Promise.all(found.map(async ({ _id, key }) => (key ? [[_id, await this.unwrap(_id, key)] as const] : [])));
    return new Map(opened.flat());
  }

  async destroy(subject: string): Promise<number> {
    const result = await this.keys.updateMany({ subject, live: true }, { $set: { key: null, live: false, destroyedAt: new Date() } });
    return result.modifiedCount;
  }

  private unwrap(keyId: string, stored: Binary): Promise<Buffer> {
    return this.wrapping.unwrap(Buffer.from(stored.buffer), keyId);
  }

  /** Keys stored before keys were wrapped are wrapped in place when the store opens, each once. */
  private async wrapUnwrappedKeys(): Promise<void> {
    for await (const document of this.keys.find({ live: true, $expr: { $eq: [{ $binarySize: '$key' }, 32] } })) {
      if (!document.key || !isUnwrappedKey(Buffer.from(document.key.buffer))) continue;
      const wrapped = await this.wrapping.wrap(Buffer.from(document.key.buffer), document._id);
      await this.keys.updateOne({ _id: document._id, key: document.key }, { $set: { key: new Binary(wrapped) } });
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
