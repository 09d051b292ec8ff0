import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Caller } from '../../auth/caller.decorator';
import type { Principal } from '../../auth/principal';
import { QueryEndpoint } from '../../read-side/query-endpoint.decorator';
import type { Worklist } from './get-worklist.handler';
import { GetWorklistQuery } from './get-worklist.query';
import { WorklistParams } from './get-worklist.request';

@ApiTags('worklist')
@Controller('worklist')
export class GetWorklistController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @QueryEndpoint('Open delinquent accounts by priority, with the score’s parts, days past due, overdue amount, next action and assigned agent')
  worklist(@Query() params: WorklistParams, @Caller() caller: Principal): Promise<Worklist> {
    return this.queries.execute(new GetWorklistQuery(params, caller));
  }
}
