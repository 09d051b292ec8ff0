import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { QueryEndpoint } from '../../read-side/query-endpoint.decorator';
import { HistoryVerification } from './verify-account-history.handler';
import { VerifyAccountHistoryQuery } from './verify-account-history.query';

@ApiTags('accounts')
@Controller('accounts')
export class VerifyAccountHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':accountId/history/verify')
  @QueryEndpoint('Integrity report: recomputes the hash chain of the account’s events and names the first broken revision')
  @ApiOkResponse({ type: HistoryVerification })
  verify(@Param('accountId', new ParseIdPipe('accountId')) accountId: string): Promise<HistoryVerification> {
    return this.queries.execute(new VerifyAccountHistoryQuery(accountId));
  }
}
