import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EVENT_STORE, STORED_EVENT_STORE } from '@arrears/event-store';
import { READ_STORE } from '@arrears/read-store';
import { APP_CONFIG, Clock, IdGenerator, Metrics, RandomIdGenerator, ShiftedClock, SystemClock, type AppConfig } from '@arrears/platform';
import { Backends } from './backends';
import { PersonalDataVault } from '@arrears/personal-data';
import { IDEMPOTENCY_STORE } from './tokens';

export interface BackendsOverrides {
  clock?: Clock;
  ids?: IdGenerator;
}

/** Configuration, clock, ids and storage, for every module of the app. */
@Global()
@Module({})
export class BackendsModule {
  static forRoot(config: AppConfig, overrides: BackendsOverrides = {}): DynamicModule {
    return {
      module: BackendsModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: overrides.clock ?? (config.clockStart ? new ShiftedClock(config.clockStart) : new SystemClock()) },
        { provide: IdGenerator, useValue: overrides.ids ?? new RandomIdGenerator() },
        { provide: Metrics, useValue: new Metrics() },
        {
          provide: Backends,
          useFactory: (clock: Clock, ids: IdGenerator) => Backends.open(config, clock, ids),
          inject: [Clock, IdGenerator],
        },
        { provide: EVENT_STORE, useFactory: (backends: Backends) => backends.eventStore, inject: [Backends] },
        { provide: STORED_EVENT_STORE, useFactory: (backends: Backends) => backends.storedEvents, inject: [Backends] },
        { provide: PersonalDataVault, useFactory: (backends: Backends) => backends.vault, inject: [Backends] },
        { provide: IDEMPOTENCY_STORE, useFactory: (backends: Backends) => backends.idempotency, inject: [Backends] },
        { provide: READ_STORE, useFactory: (backends: Backends) => backends.readStore, inject: [Backends] },
      ],
      exports: [APP_CONFIG, Clock, IdGenerator, Metrics, Backends, EVENT_STORE, STORED_EVENT_STORE, PersonalDataVault, IDEMPOTENCY_STORE, READ_STORE],
    };
  }
}
