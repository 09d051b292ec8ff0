import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@arrears/event-store';
import { startEmbeddedPostgres, type AppConfig, type Clock, type EmbeddedPostgresServer, type IdGenerator } from '@arrears/platform';
import { EventStoreIdempotencyStore } from '../command-handling/idempotency/event-store.idempotency-store';
import type { IdempotencyStore } from '../command-handling/idempotency/idempotency.store';
import { PostgresIdempotencyStore } from '../command-handling/idempotency/postgres.idempotency-store';

/**
 * The storage the service runs on, chosen by configuration: EventStoreDB for `esdb://`, an external
 * PostgreSQL for `postgres://`, and with neither an embedded PostgreSQL under DATA_DIR. Closed in
 * reverse order of opening once the HTTP server has stopped taking requests.
 */
export class Backends implements OnApplicationShutdown {
  private static readonly logger = new Logger('Backends');

  private constructor(
    readonly eventStore: EventStore,
    readonly idempotency: IdempotencyStore,
    readonly embedded: boolean,
    private readonly embeddedServer: EmbeddedPostgresServer | undefined,
  ) {}

  static async open(config: AppConfig, clock: Clock, ids: IdGenerator): Promise<Backends> {
    let server: EmbeddedPostgresServer | undefined;
    try {
      if (!config.eventStoreUrl) {
        Backends.logger.log(`Starting the embedded PostgreSQL in ${config.dataDir}`);
        // main.ts stops the HTTP server first, then us: the database must not stop on the signal itself.
        server = await startEmbeddedPostgres({
          dataDir: config.dataDir,
          log: (line) => Backends.logger.debug(line),
          stopOnSignals: false,
        });
        Backends.logger.log(`Embedded PostgreSQL listening on 127.0.0.1:${server.port}`);
      }
      const url = config.eventStoreUrl ?? (server as EmbeddedPostgresServer).url;
      if (url.startsWith('esdb')) {
        const eventStore = EventStoreDbEventStore.connect(url);
        return new Backends(eventStore, new EventStoreIdempotencyStore(eventStore, clock, ids), false, undefined);
      }
      const eventStore = await PostgresEventStore.connect({ connectionString: url, poolSize: config.databasePoolSize });
      const idempotency = await PostgresIdempotencyStore.connect(url, Math.max(2, Math.ceil(config.databasePoolSize / 2)));
      return new Backends(eventStore, idempotency, server !== undefined, server);
    } catch (error) {
      await server?.stop();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idempotency.close().catch((error: unknown) => Backends.logger.warn(`Closing idempotency store: ${String(error)}`));
    await this.eventStore.close().catch((error: unknown) => Backends.logger.warn(`Closing event store: ${String(error)}`));
    if (this.embeddedServer) {
      await this.embeddedServer.stop();
      Backends.logger.log('Embedded PostgreSQL stopped');
    }
  }
}
