import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OutboxDeadLetters, type DeadLetter, type PendingRetry } from '@arrears/scheduler';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../http/api-problems.decorator';
import { NoBodyPipe } from '../http/no-body.pipe';
import { decodeCursor, encodeCursor } from '../read-side/paging';
import { DeadLettersParams, ParseNotificationIdPipe } from './dead-letters.requests';
import { DeadLettersPageResponse, PendingRetryResponse } from './dead-letters.responses';

export interface DeadLettersPage {
  deadLetters: DeadLetter[];
  nextCursor: string | null;
}

/**
 * Notifications the outbox gave up on (a permanent failure, or the last try allowed), for a
 * supervisor: listed oldest first, a page at a time, their creditors' only; requeued one at a time.
 * A dead letter names no address: it is read from the account when the notification is tried again.
 */
@ApiTags('notifications')
@ApiProblems({ 400: 'A malformed id or parameter, or a cursor this list did not return (`INVALID_CURSOR`).' })
@Controller('notifications/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: OutboxDeadLetters) {}

  @Get()
  @ApiOperation({ summary: 'Notifications the outbox gave up on, oldest first, with their attempts and last error' })
  @ApiOkResponse({ type: DeadLettersPageResponse, description: 'A page of dead letters, and the cursor of the next one (null at the end).' })
  async list(@Query() params: DeadLettersParams, @Caller() caller: Principal): Promise<DeadLettersPage> {
    const limit = params.limit ?? 20;
    const after = decodeCursor(params.cursor, ['string', 'string']) as [string, string] | undefined;
    const page = await this.deadLetters.list(caller.creditors, {
      limit,
      ...(params.creditorId ? { creditorId: params.creditorId } : {}),
      ...(params.channel ? { channel: params.channel } : {}),
      ...(after ? { after } : {}),
    });
    const shown = page.slice(0, limit);
    const last = shown[shown.length - 1];
    return { deadLetters: shown, nextCursor: page.length > limit && last ? encodeCursor([last.deadAt, last.id]) : null };
  }

  @Post(':notificationId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Requeue a dead letter: tried again on the outbox’s next wake, its attempts from zero; recorded with who asked' })
  @ApiOkResponse({ type: PendingRetryResponse, description: 'The notification as it now waits for its try.' })
  @ApiProblems({ 404: 'No such dead letter for the caller’s creditors (`DEAD_LETTER_NOT_FOUND`).' })
  retry(@Param('notificationId', ParseNotificationIdPipe) id: string, @Body(NoBodyPipe) _: undefined, @Caller() caller: Principal): Promise<PendingRetry> {
    return this.deadLetters.requeue(id, caller.creditors, { id: caller.id, role: caller.role });
  }
}
