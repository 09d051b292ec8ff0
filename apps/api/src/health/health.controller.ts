import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@arrears/platform';
import { Backends } from '../backends/backends';

class EventStoreHealth {
  @ApiProperty({ example: 'postgres', enum: ['postgres', 'eventstoredb'] }) backend!: string;
  @ApiProperty({ description: 'True when the service started its own embedded PostgreSQL.' }) embedded!: boolean;
  @ApiProperty({ example: 42 }) headPosition!: number;
}

class HealthResponse {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty() eventStore!: EventStoreHealth;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly backends: Backends) {}

  /** 200 with the backends in use once the service can reach them; 503 when it cannot. */
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ type: HealthResponse })
  async health(): Promise<HealthResponse> {
    const { eventStore, embedded } = this.backends;
    try {
      const head = await eventStore.headPosition();
      return { status: 'ok', eventStore: { backend: eventStore.backend, embedded, headPosition: Number(head) } };
    } catch (error) {
      throw new ProblemException(503, 'EVENT_STORE_UNAVAILABLE', 'Service unavailable', `The event store does not answer: ${String(error)}`);
    }
  }
}
