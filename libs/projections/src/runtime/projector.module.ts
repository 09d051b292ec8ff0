import { Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { Clock, IdGenerator, type ReportingZones } from '@arrears/platform';
import { READ_MODELS, readModelsFor } from '../read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import type { WorkerOptions } from '../runner/projection-worker';
import { ParkedEvents } from './parked-events';
import { ProjectionProgress } from './projection-progress';

export interface ProjectorOptions {
  /** Run the projections in this process (else only follow their progress). */
  run: boolean;
  batchSize: number;
  batchWaitMs: number;
  leaseTtlMs: number;
  /** Each creditor's reporting zone, in which the KPIs date facts. */
  reportingZones: ReportingZones;
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
    const readModels = readModelsFor(options.reportingZones);
    const runner = {
      provide: ProjectionRunner,
      useFactory: (events: EventStore, readStore: ReadStore) => new ProjectionRunner(events, readStore, readModels, runnerOptions),
      inject: [EVENT_STORE, READ_STORE],
    };
    const parkedEvents = {
      provide: ParkedEvents,
      useFactory: (readStore: ReadStore, events: EventStore, clock: Clock, ids: IdGenerator) =>
        new ParkedEvents(
          readStore,
          events,
          readModels.map(({ projection }) => projection),
          clock,
          ids,
          options.leaseTtlMs,
        ),
      inject: [READ_STORE, EVENT_STORE, Clock, IdGenerator],
    };
    return {
      module: ProjectorModule,
      providers: [{ provide: READ_MODELS, useValue: readModels }, ...(options.run ? [runner, ProjectorLifecycle] : []), ProjectionProgress, parkedEvents],
      exports: [ProjectionProgress, ParkedEvents],
    };
  }
}
