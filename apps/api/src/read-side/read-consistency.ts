import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ProblemException, ValidationProblem, type AppConfig } from '@arrears/platform';
import { ProjectionProgress } from '@arrears/projections';

/**
 * Read-your-writes: a query given `minPosition` (from a command's receipt) waits until the read
 * models it reads have reached that position, for at most READ_WAIT_MS (5 s), then answers 503
 * with Retry-After rather than stale data. A position past the log's head was never answered by a
 * command: waiting for it would only end in that 503, so it is a 400 at once.
 */
@Injectable()
export class ReadConsistency {
  constructor(
    private readonly progress: ProjectionProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async reach(minPosition: string | undefined, projections: readonly string[]): Promise<void> {
    if (minPosition === undefined) return;
    const position = BigInt(minPosition);
    if (await this.progress.waitFor(position, projections, 0)) return;
    const head = await this.progress.headPosition();
    if (position > head) {
      throw new ValidationProblem([
        { field: 'minPosition', messages: [`minPosition ${position} is past the last position in the log (${head}): use one a command answered with`] },
      ]);
    }
    if (await this.progress.waitFor(position, projections, this.config.readWaitMs)) return;
    throw new ProblemException(
      503,
      'READ_MODEL_BEHIND',
      'Service unavailable',
      `The ${projections.join(', ')} read model has not reached position ${position} yet; retry shortly.`,
      { minPosition: Number(position), projections },
      { 'retry-after': '1' },
    );
  }
}
