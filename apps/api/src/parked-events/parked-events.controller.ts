import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParkedEvents, type ParkedEvent } from '@arrears/projections';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../http/api-problems.decorator';
import { NoBodyPipe } from '../http/no-body.pipe';
import { ParkedEventsParams, ParseParkedEventIdPipe } from './parked-events.request';
import { ParkedEventResponse, ParkedEventsResponse } from './parked-events.responses';

/**
 * Events a projection parked (it threw on them, or their write kept failing): listed for a
 * supervisor, who retries or skips each. Every decision is recorded with who took it and when.
 */
@ApiTags('operations')
@ApiProblems({ 400: 'A malformed id or parameter.' })
@Controller('parked-events')
export class ParkedEventsController {
  constructor(private readonly parked: ParkedEvents) {}

  @Get()
  @ApiOperation({ summary: 'Parked events of the caller’s creditors, oldest first (at most 100), with the decisions taken on them' })
  @ApiOkResponse({ type: ParkedEventsResponse, description: 'The parked events.' })
  async list(@Query() params: ParkedEventsParams, @Caller() caller: Principal): Promise<{ parkedEvents: ParkedEvent[] }> {
    return { parkedEvents: await this.parked.list(caller.creditors, params) };
  }

  @Post(':parkedEventId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply a parked event again to its projection’s current documents: `resolved` if it now applies, else still `parked` with the new error',
  })
  @ApiOkResponse({ type: ParkedEventResponse, description: 'The parked event after the retry; its last decision tells the outcome.' })
  @ApiProblems({
    404: 'No such parked event for the caller’s creditors (`PARKED_EVENT_NOT_FOUND`).',
    409: 'Resolved already (`PARKED_EVENT_RESOLVED`), or held behind an earlier parked event of its stream (`PARKED_EVENT_HELD`).',
  })
  retry(@Param('parkedEventId', ParseParkedEventIdPipe) id: string, @Body(NoBodyPipe) _: undefined, @Caller() caller: Principal): Promise<ParkedEvent> {
    return this.parked.retry(id, caller.creditors, caller);
  }

  @Post(':parkedEventId/skip')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a parked event without applying it: its projection goes on without it' })
  @ApiOkResponse({ type: ParkedEventResponse, description: 'The parked event, resolved.' })
  @ApiProblems({
    404: 'No such parked event for the caller’s creditors (`PARKED_EVENT_NOT_FOUND`).',
    409: 'Resolved already (`PARKED_EVENT_RESOLVED`).',
  })
  skip(@Param('parkedEventId', ParseParkedEventIdPipe) id: string, @Body(NoBodyPipe) _: undefined, @Caller() caller: Principal): Promise<ParkedEvent> {
    return this.parked.skip(id, caller.creditors, caller);
  }
}
