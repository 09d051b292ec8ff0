import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { AccountView } from '@arrears/projections';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { QueryEndpoint } from '../../read-side/query-endpoint.decorator';
import { ReadQueryParams } from '../../read-side/paging';
import { GetAccountQuery } from './get-account.query';

@ApiTags('accounts')
@Controller('accounts')
export class GetAccountController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':accountId')
  @QueryEndpoint('The account: status, balances (total, overdue, credit), invoices with days past due, aging, plan, last payment, assigned agent')
  account(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Query() params: ReadQueryParams): Promise<AccountView> {
    return this.queries.execute(new GetAccountQuery(accountId, params.minPosition));
  }
}
