import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { QueryEndpoint } from '../../read-side/query-endpoint.decorator';
import type { AccountStateAsOf } from './get-account-state.handler';
import { GetAccountStateQuery } from './get-account-state.query';
import { AccountStateParams } from './get-account-state.request';

@ApiTags('accounts')
@Controller('accounts')
export class GetAccountStateController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':accountId/state')
  @QueryEndpoint('The account as it stood at an instant, replayed from the event store')
  state(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Query() params: AccountStateParams): Promise<AccountStateAsOf> {
    return this.queries.execute(new GetAccountStateQuery(accountId, params.asOf));
  }
}
