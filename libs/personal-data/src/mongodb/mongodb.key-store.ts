import { randomBytes, randomUUID } from 'node:crypto';
import { Binary, MongoClient, MongoServerError, type Collection } from 'mongodb';
import type { DataKey, KeyStore } from '../key-store.port';

interface KeyDocument {
  _id: string;
  subject: string;
  /** Null once destroyed: the document stays as the record that it was. */
  key: Binary | null;
  live: boolean;
  createdAt: Date;
  destroyedAt: Date | null;
}

const duplicateKey = 11000;

/** Data keys in a MongoDB collection, one live key per subject by a partial unique index. */
export class MongoKeyStore implements KeyStore {
  readonly backend = 'mongodb';

  private constructor(
    private readonly client: MongoClient,
    private readonly keys: Collection<KeyDocument>,
  ) {}

  static async connect(url: string): Promise<MongoKeyStore> {
    const client = await MongoClient.connect(url);
    const keys = client.db().collection<KeyDocument>('personal_data_keys');
    await keys.createIndex({ subject: 1 }, { name: 'live_subject', unique: true, partialFilterExpression: { live: true } });
    return new MongoKeyStore(client, keys);
  }

  async keyFor(subject: string): Promise<DataKey> {
    const live = await this.keys.findOne({ subject, live: true });
    if (live?.key) return { keyId: live._id, key: Buffer.from(live.key.buffer) };
    const key = randomBytes(32);
    const keyId = randomUUID();
    try {
      await this.keys.insertOne({ _id: keyId, subject, key: new Binary(key), live: true, createdAt: new Date(), destroyedAt: null });
      return { keyId, key };
    } catch (error) {
      if (error instanceof MongoServerError && error.code === duplicateKey) return this.keyFor(subject);
      throw error;
    }
  }

  async find(keyIds: string[]): Promise<Map<string, Buffer>> {
    if (keyIds.length === 0) return new Map();
    const found = await this.keys.find({ _id: { $in: keyIds }, live: true }).toArray();
    return new Map(found.flatMap((document) => (document.key ? [[document._id, Buffer.from(document.key.buffer)] as const] : [])));
  }

  async destroy(subject: string): Promise<number> {
    const result = await this.keys.updateMany({ subject, live: true }, { $set: { key: null, live: false, destroyedAt: new Date() } });
    return result.modifiedCount;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
