import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { describeWithContainers } from '../../../../test/setup/container-runtime';
import { readStoreContract } from '../contract/read-store.contract';
import { MongoReadStore } from './mongodb.read-store';

/** MongoDB's official image as a single-node replica set (the module starts one), so transactions work. */
describeWithContainers('MongoDB read store (testcontainers)', () => {
  let container: StartedMongoDBContainer | undefined;
  let url = '';

  beforeAll(async () => {
    container = await new MongoDBContainer('mongo:7.0').start();
    url = `${container.getConnectionString()}/arrears?directConnection=true`;
  }, 300_000);

  afterAll(async () => {
    await container?.stop();
  });

  readStoreContract('MongoDB', () => MongoReadStore.connect(url));
});
