import { Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { APP_CONFIG, Clock, IdGenerator, type AppConfig, type ReportingZones } from '@arrears/platform';
import { loadAccountSearchKey, readModelsFor, type ReadModel } from '../read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import type { WorkerOptions } from '../runner/projection-worker';
import { ParkedEvents } from './parked-events';
import { ScoringInForce } from './scoring-in-force';
import { ProjectionProgress, READ_MODELS } from './projection-progress';

export interface ProjectorOptions {
  /** Run the projections in this process (else only follow their progress). */
  run: boolean;
  batchSize: number;
  batchWaitMs: number;
  leaseTtlMs: number;
  /** Each creditor's reporting zone, in which the read models date business days. */
  zones: ReportingZones;
}

/** Starts the runner once the application is up; on shutdown, lets the current batches finish first. */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly runner: ProjectionRunner) {}

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

/** The read side's runtime: the projection runner (when this process runs it) and its progress. */
@Module({})
export class ProjectorModule {
  static forRoot(options: ProjectorOptions): DynamicModule {
    const logger = new Logger('Projector');
    const runnerOptions: WorkerOptions = {
      batchSize: options.batchSize,
      batchWaitMs: options.batchWaitMs,
      leaseTtlMs: options.leaseTtlMs,
      log: (message) => {
        logger.warn(message);
      },
    };
    const readModels = {
      provide: READ_MODELS,
      useFactory: async (config: AppConfig, scoring: ScoringInForce) => readModelsFor(options.zones, await loadAccountSearchKey(config), scoring.scoring),
      inject: [APP_CONFIG, ScoringInForce],
    };
    const runner = {
      provide: ProjectionRunner,
      useFactory: (events: EventStore, readStore: ReadStore, models: ReadModel[]) => new ProjectionRunner(events, readStore, models, runnerOptions),
      inject: [EVENT_STORE, READ_STORE, READ_MODELS],
    };
    const parkedEvents = {
      provide: ParkedEvents,
      useFactory: (readStore: ReadStore, events: EventStore, models: ReadModel[], clock: Clock, ids: IdGenerator) =>
        new ParkedEvents(
          readStore,
          events,
          models.map(({ projection }) => projection),
          clock,
          ids,
          options.leaseTtlMs,
        ),
      inject: [READ_STORE, EVENT_STORE, READ_MODELS, Clock, IdGenerator],
    };
    return {
      module: ProjectorModule,
      providers: [ScoringInForce, readModels, ...(options.run ? [runner, ProjectorLifecycle] : []), ProjectionProgress, parkedEvents],
      exports: [ProjectionProgress, ParkedEvents, READ_MODELS, ScoringInForce],
    };
  }
}
