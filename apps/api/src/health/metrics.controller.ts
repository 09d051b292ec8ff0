import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Metrics } from '@arrears/platform';
import type { FastifyReply } from 'fastify';

/** Prometheus's scrape target; a bearer token of a role the access matrix allows, like any route. */
@SkipThrottle()
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus scrape target (a supervisor’s or system’s token, or the METRICS_TOKEN scrape token)' })
  @ApiOkResponse({
    content: { 'text/plain': { schema: { type: 'string' } } },
    description: 'Prometheus text exposition: HTTP latency, command outcomes, append latency, projection lag, scheduler steps, process figures.',
  })
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    await reply.type(contentType).send(body);
  }
}
