import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@arrears/event-store';
import { MongoReadStore, PostgresReadStore, type ReadStore } from '@arrears/read-store';
import { withStoredShapes } from '@arrears/projections';
import {
  startEmbeddedPostgres,
  type AppConfig,
  type Clock,
  type EmbeddedPostgresServer,
  type IdGenerator,
  type PostgresConnectionOptions,
} from '@arrears/platform';
import { EventStoreIdempotencyStore, PostgresIdempotencyStore, type IdempotencyStore } from '@arrears/idempotency';
import { MongoKeyStore, OpeningEventStore, PersonalDataVault, PostgresKeyStore, type KeyEncryption, type KeyStore } from '@arrears/personal-data';
import { loadKeyEncryption } from './secrets';

/**
 * The storage the service runs on, chosen by configuration: EventStoreDB for `esdb://`, an external
 * PostgreSQL for `postgres://`, and with neither an embedded PostgreSQL under DATA_DIR. Closed in
 * reverse order of opening once the HTTP server has stopped taking requests.
 */
export class Backends implements OnApplicationShutdown {
  private static readonly logger = new Logger('Backends');

  /** The event store as readers want it: debtors' personal data opened, or erased once forgotten. */
  readonly eventStore: EventStore;
  readonly vault: PersonalDataVault;

  private constructor(
    /** The event store as stored: personal data sealed. What the hash chain covers. */
    readonly storedEvents: EventStore,
    readonly idempotency: IdempotencyStore,
    readonly readStore: ReadStore,
    private readonly keys: KeyStore,
    private readonly embeddedServer: EmbeddedPostgresServer | undefined,
  ) {
    this.vault = new PersonalDataVault(keys);
    this.eventStore = new OpeningEventStore(storedEvents, this.vault);
  }

  /** True when the service started its own embedded PostgreSQL. */
  get embedded(): boolean {
    return this.embeddedServer !== undefined;
  }

  static async open(config: AppConfig, clock: Clock, ids: IdGenerator): Promise<Backends> {
    let server: EmbeddedPostgresServer | undefined;
    // Closed again if a later store cannot be opened: a pool left open would keep a process that failed to start alive.
    const opened: { close(): Promise<void> }[] = [];
    const keep = <Store extends { close(): Promise<void> }>(store: Store): Store => {
      opened.unshift(store);
      return store;
    };
    const keyEncryption = await loadKeyEncryption(config);
    try {
      if (!config.eventStoreUrl) {
        Backends.logger.log(`Starting the embedded PostgreSQL in ${config.dataDir}`);
        // main.ts stops the HTTP server first, then us: the database must not stop on the signal itself.
        server = await startEmbeddedPostgres({
          dataDir: config.dataDir,
          log: (line) => {
            Backends.logger.debug(line);
          },
          notice: (line) => {
            Backends.logger.warn(line);
          },
          stopOnSignals: false,
          // Answering errors forever helps nobody: exit, and the supervisor (systemd, compose…) starts us again.
          onLost: (error) => {
            Backends.logger.error(error.message);
            process.exit(1);
          },
        });
        Backends.logger.log(`Embedded PostgreSQL listening on ${server.address}`);
      }
      const url = config.eventStoreUrl ?? (server as EmbeddedPostgresServer).url;
      const readStoreUrl = config.readStoreUrl ?? url;
      const connection = {
        applicationName: config.databaseApplicationName,
        connectTimeoutMs: config.databaseConnectTimeoutMs,
        queryTimeoutMs: config.databaseQueryTimeoutMs,
      };
      const readStore = keep(await openReadStore(readStoreUrl, config.databasePoolSize, connection));
      // Keys never live in the event store: by default they go to the read store's database.
      const keys = keep(await openKeyStore(config.keyStoreUrl ?? readStoreUrl, keyEncryption, connection));
      if (url.startsWith('esdb')) {
        const eventStore = EventStoreDbEventStore.connect(url);
        return new Backends(eventStore, new EventStoreIdempotencyStore(eventStore, clock, ids), readStore, keys, undefined);
      }
      const eventStore = keep(await PostgresEventStore.connect({ connectionString: url, poolSize: config.databasePoolSize, ...connection }));
      const idempotency = await PostgresIdempotencyStore.connect(url, Math.max(2, Math.ceil(config.databasePoolSize / 2)), connection);
      return new Backends(eventStore, idempotency, readStore, keys, server);
    } catch (error) {
      for (const store of opened) await store.close().catch(Backends.warnClosing('a store opened before the failure'));
      await server?.stop();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idempotency.close().catch(Backends.warnClosing('idempotency store'));
    await this.readStore.close().catch(Backends.warnClosing('read store'));
    await this.keys.close().catch(Backends.warnClosing('key store'));
    await this.eventStore.close().catch(Backends.warnClosing('event store'));
    if (this.embeddedServer) {
      await this.embeddedServer.stop();
      Backends.logger.log('Embedded PostgreSQL stopped');
    }
  }

  /** One store failing to close must not keep the others open. */
  private static warnClosing(store: string): (error: unknown) => void {
    return (error) => {
      Backends.logger.warn(`Closing ${store}: ${String(error)}`);
    };
  }
}

/** The read models' store, the account fold's documents kept slim in it (see withStoredShapes). */
async function openReadStore(url: string, poolSize: number, connection: PostgresConnectionOptions): Promise<ReadStore> {
  const store = url.startsWith('mongodb') ? await MongoReadStore.connect(url) : await PostgresReadStore.connect(url, poolSize, connection);
  return withStoredShapes(store);
}

function openKeyStore(url: string, wrapping: KeyEncryption, connection: PostgresConnectionOptions): Promise<KeyStore> {
  return url.startsWith('mongodb') ? MongoKeyStore.connect(url, wrapping) : PostgresKeyStore.connect(url, wrapping, undefined, connection);
}
