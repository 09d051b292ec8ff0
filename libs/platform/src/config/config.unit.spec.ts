import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 with data in ./.data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, eventStoreUrl: undefined });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('takes the event store and port from the environment', () => {
    expect(loadConfig({ EVENT_STORE_URL: 'esdb://localhost:2113?tls=false', PORT: '8080' })).toMatchObject({
      eventStoreUrl: 'esdb://localhost:2113?tls=false',
      port: 8080,
    });
  });

  it('lists every problem at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE_URL: 'mysql://x', DATABASE_POOL_SIZE: '0' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toHaveLength(3);
  });
});
