import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { DEAD_LETTERS } from '../runner/batch-writes';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Metrics } from '@arrears/platform';
import { readModels } from '../read-models';
import { ProjectionRunner } from '../runner/projection-runner';

const pollMs = 20;

export interface ProjectionHealth {
  name: string;
  checkpoint: number;
  lag: number;
  /** This process's worker state; `elsewhere` when another process runs the projector. */
  state: string;
  parked: number;
  error?: string;
}

/**
 * How far the read models have got, for readers: read-your-writes waits and /health. Asks the
 * in-process runner when there is one, the stored checkpoints otherwise (the projector runs apart).
 */
@Injectable()
export class ProjectionProgress {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
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
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(names.map((name) => this.readStore.checkpoint(name)));
      if (checkpoints.every((checkpoint) => (checkpoint ?? 0n) >= position)) return true;
      if (Date.now() + pollMs > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** The last committed position in the log. */
  headPosition(): Promise<bigint> {
    return this.events.headPosition();
  }

  async health(): Promise<{ headPosition: number; projections: ProjectionHealth[] }> {
    const head = await this.events.headPosition();
    const local = new Map((this.runner?.status() ?? []).map((status) => [status.name, status]));
    const projections = await Promise.all(
      readModels.map(async ({ projection: { name } }) => {
        const checkpoint = (await this.readStore.checkpoint(name)) ?? 0n;
        const status = local.get(name);
        const parked = status?.parked ?? (await this.readStore.find(DEAD_LETTERS, { where: [{ field: 'projection', op: 'eq', value: name }] })).length;
        const health: ProjectionHealth = { name, checkpoint: Number(checkpoint), lag: Number(head > checkpoint ? head - checkpoint : 0n), state: status?.state ?? 'elsewhere', parked };
        if (status?.error) health.error = status.error;
        return health;
      }),
    );
    return { headPosition: Number(head), projections };
  }
}
