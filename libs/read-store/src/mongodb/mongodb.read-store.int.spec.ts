import { describeWithMongo } from '../../../../test/setup/container-runtime';
import { readStoreContract } from '../contract/read-store.contract';
import { MongoReadStore } from './mongodb.read-store';

describeWithMongo('MongoDB read store (testcontainers)', (url) => {
  readStoreContract('MongoDB', () => MongoReadStore.connect(url()));
});
