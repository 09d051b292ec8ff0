import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { describeWithContainers } from '../../../../test/setup/container-runtime';
import { keyStoreContract } from '../contract/key-store.contract';
import { MongoKeyStore } from './mongodb.key-store';

describeWithContainers('MongoDB key store (testcontainers)', () => {
  let container: StartedMongoDBContainer | undefined;
  let url = '';

  beforeAll(async () => {
    container = await new MongoDBContainer('mongo:7.0').start();
    url = `${container.getConnectionString()}/arrears?directConnection=true`;
  }, 300_000);

  afterAll(async () => {
    await container?.stop();
  });

  keyStoreContract('MongoDB', () => MongoKeyStore.connect(url));
});
