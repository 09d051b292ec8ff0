import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OutboxDeadLetters, type DeadLetter, type PendingRetry } from '@arrears/scheduler';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { NoBodyPipe } from '../http/no-body.pipe';
import { decodeCursor, encodeCursor } from '../read-side/paging';
import { DeadLettersParams, ParseNotificationIdPipe } from './dead-letters.requests';

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
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'A malformed id or parameter.' })
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@ApiResponse({ status: 403, description: 'Only supervisors see and requeue dead letters (`ROLE_NOT_ALLOWED`).' })
@Controller('notifications/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: OutboxDeadLetters) {}

  @Get()
  @ApiOperation({ summary: 'Notifications the outbox gave up on, oldest first, with their attempts and last error' })
  @ApiOkResponse({ description: 'A page of dead letters, and the cursor of the next one (null at the end).' })
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
  @ApiOkResponse({ description: 'The notification as it now waits for its try.' })
  @ApiResponse({ status: 404, description: 'No such dead letter for the caller’s creditors (`DEAD_LETTER_NOT_FOUND`).' })
  retry(@Param('notificationId', ParseNotificationIdPipe) id: string, @Body(NoBodyPipe) _: undefined, @Caller() caller: Principal): Promise<PendingRetry> {
    return this.deadLetters.requeue(id, caller.creditors, { id: caller.id, role: caller.role });
  }
}
