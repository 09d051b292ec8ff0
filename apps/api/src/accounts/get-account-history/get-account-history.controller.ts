import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { PageQueryParams } from '../../read-side/paging';
import { QueryEndpoint } from '../../read-side/query-endpoint.decorator';
import type { AccountHistory } from './get-account-history.handler';
import { GetAccountHistoryQuery } from './get-account-history.query';

@ApiTags('accounts')
@Controller('accounts')
export class GetAccountHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':accountId/history')
  @QueryEndpoint('The audit trail: every event in order with position, revision, type, times, actor, correlation and causation ids, and a summary')
  history(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Query() params: PageQueryParams): Promise<AccountHistory> {
    return this.queries.execute(new GetAccountHistoryQuery(accountId, params));
  }
}
