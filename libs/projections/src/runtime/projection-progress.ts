import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { DEAD_LETTERS, type DeadLetter } from '../runner/batch-writes';
import { READ_STORE, type Condition, type ReadStore } from '@arrears/read-store';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Metrics } from '@arrears/platform';
import type { ReadModel } from '../read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import type { RebuildProgress } from '../runner/projection-worker';
import { versionShadowOf, type Projection } from '../projection';
import { CheckpointWatch } from './checkpoint-watch';

/** Nest injection token of the read models the service keeps (`readModelsFor` the configured reporting zones). */
export const READ_MODELS = Symbol('ReadModels');

const pollMs = 20;
/** Parked events /health lists per projection (oldest first) and counts up to, so a flood of them keeps it cheap. */
const parkedListed = 20;
const parkedCounted = 1000;

/** A parked event as /health lists it. */
export type ParkedEventSummary = Pick<DeadLetter, 'id' | 'position' | 'eventId' | 'eventType' | 'streamId' | 'error'>;

export interface ProjectionHealth {
  name: string;
  /** `degraded` while it has parked events: it serves, without them. */
  status: 'ok' | 'degraded';
  checkpoint: number;
  lag: number;
  /** This process's worker state; `elsewhere` when another process runs the projector. */
  state: string;
  /** Its parked events not yet resolved (counted up to 1,000). */
  parked: number;
  /** The oldest of them (at most 20). */
  parkedEvents: ParkedEventSummary[];
  error?: string;
  /** While its declared version is rebuilt beside the stored one (which serves meanwhile): how far it has got. */
  rebuild?: RebuildHealth;
}

export interface RebuildHealth {
  from: number;
  to: number;
  /** `elsewhere` when another process rebuilds it. */
  by: string;
  position: number;
  head: number;
  /** Measured by the process that rebuilds; 0 elsewhere. */
  eventsPerSecond: number;
}

/** The dead letters of a projection not yet resolved (old ones have no status: parked). */
const parkedOf = (projection: string): Condition[] => [
  { field: 'projection', op: 'eq', value: projection },
  { field: 'status', op: 'ne', value: 'resolved' },
];

/**
 * How far the read models have got, for readers: read-your-writes waits and /health. Asks the
 * in-process runner when there is one, the stored checkpoints otherwise (the projector runs apart).
 */
@Injectable()
export class ProjectionProgress {
  private readonly watch = new CheckpointWatch((name) => this.readStore.checkpoint(name), pollMs);

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModel[],
    metrics: Metrics,
    @Optional() private readonly runner?: ProjectionRunner,
  ) {
    metrics.gauge('arrears_projection_lag_events', 'Events in the log that a projection has not applied yet', ['projection'], async (gauge) => {
      for (const { name, lag } of (await this.health()).projections) gauge.set({ projection: name }, lag);
    });
  }

  /** True once every named projection has reached `position`; false after `timeoutMs`. */
  async waitFor(position: bigint, names: readonly string[], timeoutMs: number): Promise<boolean> {
    if (this.runner) return this.runner.waitFor(position, timeoutMs, names);
    return this.watch.reached(position, names, timeoutMs);
  }

  /** The last committed position in the log. */
  headPosition(): Promise<bigint> {
    return this.events.headPosition();
  }

  async health(): Promise<{ headPosition: number; projections: ProjectionHealth[] }> {
    const head = await this.events.headPosition();
    const local = new Map((this.runner?.status() ?? []).map((status) => [status.name, status]));
    const projections = await Promise.all(
      this.readModels.map(async ({ projection }) => {
        const { name } = projection;
        const checkpoint = (await this.readStore.checkpoint(name)) ?? 0n;
        const status = local.get(name);
        // From the store, not the worker: a supervisor's retry or skip resolves letters from any process.
        const parked = (await this.readStore.find(DEAD_LETTERS, {
          where: parkedOf(name),
          orderBy: [{ field: 'position', direction: 'asc' }],
          limit: parkedCounted,
        })) as DeadLetter[];
        const health: ProjectionHealth = {
          name,
          status: parked.length ? 'degraded' : 'ok',
          checkpoint: Number(checkpoint),
          lag: Number(head > checkpoint ? head - checkpoint : 0n),
          state: status?.state ?? 'elsewhere',
          parked: parked.length,
          parkedEvents: parked
            .slice(0, parkedListed)
            .map(({ id, position, eventId, eventType, streamId, error }) => ({ id, position, eventId, eventType, streamId, error })),
        };
        if (status?.error) health.error = status.error;
        const rebuild = status?.rebuild ?? (await this.rebuildElsewhere(projection, head));
        if (rebuild) {
          health.state = 'rebuilding';
          health.rebuild = { ...rebuild, position: Number(rebuild.position), head: Number(rebuild.head) };
        }
        return health;
      }),
    );
    return { headPosition: Number(head), projections };
  }

  /** A rebuild this process does not run, told by the stored version and the shadow's checkpoint. */
  private async rebuildElsewhere(projection: Projection, head: bigint): Promise<RebuildProgress | undefined> {
    const stored = await this.readStore.version(projection.name);
    if (stored === undefined || stored >= projection.version) return undefined;
    const position = (await this.readStore.checkpoint(versionShadowOf(projection).name)) ?? 0n;
    return { from: stored, to: projection.version, by: 'elsewhere', position, head, eventsPerSecond: 0 };
  }
}
