import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { GetAccountEventsQuery } from './get-account-events.query';
import { AccountEventsResponse } from './get-account-events.handler';

@ApiTags('accounts')
@Controller('accounts')
export class GetAccountEventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':accountId/events')
  @ApiOperation({ summary: 'The account’s events as stored, in order, with their metadata' })
  @ApiOkResponse({ type: AccountEventsResponse })
  @ApiNotFoundResponse({ description: 'Unknown account.' })
  events(@Param('accountId', new ParseIdPipe('accountId')) accountId: string): Promise<AccountEventsResponse> {
    return this.queries.execute(new GetAccountEventsQuery(accountId));
  }
}
