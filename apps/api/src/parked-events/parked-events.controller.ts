import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ParkedEvents, type ParkedEvent } from '@arrears/projections';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { NoBodyPipe } from '../http/no-body.pipe';
import { ParkedEventsParams, ParseParkedEventIdPipe } from './parked-events.request';

/**
 * Events a projection parked (it threw on them, or their write kept failing): listed for a
 * supervisor, who retries or skips each. Every decision is recorded with who took it and when.
 */
@ApiTags('operations')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'A malformed id or parameter.' })
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@ApiResponse({ status: 403, description: 'Only supervisors see and decide on parked events (`ROLE_NOT_ALLOWED`).' })
@Controller('parked-events')
export class ParkedEventsController {
  constructor(private readonly parked: ParkedEvents) {}

  @Get()
  @ApiOperation({ summary: 'Parked events of the caller’s creditors, oldest first (at most 100), with the decisions taken on them' })
  @ApiOkResponse({ description: 'The parked events.' })
  async list(@Query() params: ParkedEventsParams, @Caller() caller: Principal): Promise<{ parkedEvents: ParkedEvent[] }> {
    return { parkedEvents: await this.parked.list(caller.creditors, params) };
  }

  @Post(':parkedEventId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply a parked event again to its projection’s current documents: `resolved` if it now applies, else still `parked` with the new error',
  })
  @ApiOkResponse({ description: 'The parked event after the retry; its last decision tells the outcome.' })
  @ApiResponse({ status: 404, description: 'No such parked event for the caller’s creditors (`PARKED_EVENT_NOT_FOUND`).' })
  @ApiResponse({
    status: 409,
    description: 'Resolved already (`PARKED_EVENT_RESOLVED`), or held behind an earlier parked event of its stream (`PARKED_EVENT_HELD`).',
  })
  retry(@Param('parkedEventId', ParseParkedEventIdPipe) id: string, @Body(NoBodyPipe) _: undefined, @Caller() caller: Principal): Promise<ParkedEvent> {
    return this.parked.retry(id, caller.creditors, caller);
  }

  @Post(':parkedEventId/skip')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a parked event without applying it: its projection goes on without it' })
  @ApiOkResponse({ description: 'The parked event, resolved.' })
  @ApiResponse({ status: 404, description: 'No such parked event for the caller’s creditors (`PARKED_EVENT_NOT_FOUND`).' })
  @ApiResponse({ status: 409, description: 'Resolved already (`PARKED_EVENT_RESOLVED`).' })
  skip(@Param('parkedEventId', ParseParkedEventIdPipe) id: string, @Body(NoBodyPipe) _: undefined, @Caller() caller: Principal): Promise<ParkedEvent> {
    return this.parked.skip(id, caller.creditors, caller);
  }
}
