import { describeWithMongo } from '../../../../test/setup/container-runtime';
import { keyStoreContract } from '../contract/key-store.contract';
import { MongoKeyStore } from './mongodb.key-store';

describeWithMongo('MongoDB key store (testcontainers)', (url) => {
  keyStoreContract('MongoDB', () => MongoKeyStore.connect(url()));
});
