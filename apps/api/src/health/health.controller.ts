import { Controller, Get, HttpCode } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ProblemException, storeRetryAfterSeconds } from '@arrears/platform';
import { Backends } from '@arrears/backends';
import { ProjectionProgress } from '@arrears/projections';

class EventStoreHealth {
  @ApiProperty({ example: 'postgres', enum: ['postgres', 'eventstoredb'] }) backend!: string;
  @ApiProperty({ description: 'True when the service started its own embedded PostgreSQL.' }) embedded!: boolean;
  @ApiProperty({ type: 'integer', example: 42 }) headPosition!: number;
}

class ParkedEventSummaryResponse {
  @ApiProperty({ example: 'account:42', description: 'Its id for `/parked-events/:id/retry` and `/skip`.' }) id!: string;
  @ApiProperty({ type: 'integer', example: 42 }) position!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'AccountOpened' }) eventType!: string;
  @ApiProperty({ example: 'account-acc-1' }) streamId!: string;
  @ApiProperty({ example: 'unsupported Unicode escape sequence' }) error!: string;
}

class RebuildHealthResponse {
  @ApiProperty({ type: 'integer', example: 1, description: 'The version serving reads meanwhile.' }) from!: number;
  @ApiProperty({ type: 'integer', example: 2, description: 'The declared version being built beside it.' }) to!: number;
  @ApiProperty({ example: 'this process', enum: ['this process', 'elsewhere'] }) by!: string;
  @ApiProperty({ type: 'integer', example: 31_000, description: 'Every event up to here is in the new version.' }) position!: number;
  @ApiProperty({ type: 'integer', example: 52_000, description: 'The head it catches up with, then swaps in.' }) head!: number;
  @ApiProperty({ type: 'integer', example: 4_200, description: 'Measured where it runs; 0 elsewhere.' }) eventsPerSecond!: number;
}

class ProjectionHealthResponse {
  @ApiProperty({ example: 'account' }) name!: string;
  @ApiProperty({ example: 'ok', enum: ['ok', 'degraded'], description: '`degraded` while it has parked events.' }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: 'integer', example: 40, description: 'Every event up to this position is in the read model.' }) checkpoint!: number;
  @ApiProperty({ type: 'integer', example: 2, description: 'Head position minus checkpoint.' }) lag!: number;
  @ApiProperty({ example: 'running', enum: ['starting', 'standby', 'rebuilding', 'running', 'stopped', 'elsewhere'] }) state!: string;
  @ApiProperty({ type: 'integer', example: 0, description: 'Parked events not yet resolved (counted up to 1,000).' }) parked!: number;
  @ApiProperty({ type: [ParkedEventSummaryResponse], description: 'The oldest parked events, at most 20.' }) parkedEvents!: ParkedEventSummaryResponse[];
  @ApiProperty({ required: false }) error?: string;
  @ApiProperty({ required: false, type: RebuildHealthResponse, description: 'While its declared version is rebuilt (blue/green).' })
  rebuild?: RebuildHealthResponse;
}

class ReadStoreHealth {
  @ApiProperty({ example: 'postgres', enum: ['postgres', 'mongodb'] }) backend!: string;
  @ApiProperty({ type: [ProjectionHealthResponse] }) projections!: ProjectionHealthResponse[];
}

class LivenessResponse {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ type: 'integer', example: 3600, description: 'Seconds since the process started.' }) uptimeSeconds!: number;
}

class HealthResponse {
  @ApiProperty({ example: 'ok', enum: ['ok', 'degraded'], description: '`degraded` while a projection has parked events (it still serves).' }) status!:
    'ok' | 'degraded';
  @ApiProperty() eventStore!: EventStoreHealth;
  @ApiProperty() readStore!: ReadStoreHealth;
}

// Probes come often and without a token, from the orchestrator: they are not rate-limited.
@SkipThrottle()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly backends: Backends,
    private readonly progress: ProjectionProgress,
  ) {}

  /** Liveness: the process answers. Touches no store, so a database outage never gets it restarted. */
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers (touches no store)' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /**
   * Readiness: 200 with the backends in use once the service can reach them; 503 when it cannot.
   * Also at /health itself, where monitors have always found it.
   */
  @Get(['', 'ready'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: the backends in use and every projection’s progress; 503 while a store cannot be reached' })
  @ApiOkResponse({ type: HealthResponse })
  async health(): Promise<HealthResponse> {
    const { eventStore, readStore, embedded } = this.backends;
    try {
      const { headPosition, projections } = await this.progress.health();
      return {
        status: projections.some((projection) => projection.status === 'degraded') ? 'degraded' : 'ok',
        eventStore: { backend: eventStore.backend, embedded, headPosition },
        readStore: { backend: readStore.backend, projections },
      };
    } catch (error) {
      throw new ProblemException(
        503,
        'STORE_UNAVAILABLE',
        'Service unavailable',
        `A store does not answer: ${String(error)}`,
        {},
        {
          'retry-after': String(storeRetryAfterSeconds),
        },
      );
    }
  }
}
