import { Binary, MongoClient } from 'mongodb';
import { describeWithMongo } from '../../../../test/setup/container-runtime';
import { keyStoreContract } from '../contract/key-store.contract';
import { MongoKeyStore } from './mongodb.key-store';

describeWithMongo('MongoDB key store (testcontainers)', (url) => {
  let client: MongoClient;
  beforeAll(async () => {
    client = await MongoClient.connect(url());
  });
  afterAll(() => client.close());
  const keys = () => client.db().collection<{ _id: string; key: Binary | null }>('personal_data_keys');
  keyStoreContract(
    'MongoDB',
    (wrapping) => MongoKeyStore.connect(url(), wrapping),
    () => ({
      bytesOf: async (keyId) => {
        const found = await keys().findOne({ _id: keyId });
        return found?.key ? Buffer.from(found.key.buffer) : undefined;
      },
      insertUnwrapped: async (keyId, subject, key) => {
        await client
          .db()
          .collection('personal_data_keys')
          .insertOne({ _id: keyId as never, subject, key: new Binary(key), live: true, createdAt: new Date(), destroyedAt: null });
      },
    }),
  );
});
