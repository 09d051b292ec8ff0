import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Caller } from '../../auth/caller.decorator';
import type { Principal } from '../../auth/principal';
import { QueryEndpoint } from '../../read-side/query-endpoint.decorator';
import type { KpiResponse } from './get-kpis.handler';
import { GetKpisQuery } from './get-kpis.query';
import { KpiParams } from './get-kpis.request';

@ApiTags('kpis')
@Controller('kpis')
export class GetKpisController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @QueryEndpoint('Daily KPI series per currency: receivables, aging buckets, collected, credit sales, DSO, Best Possible DSO, ADD, CEI, roll, cure and plan completion rates')
  kpis(@Query() params: KpiParams, @Caller() caller: Principal): Promise<KpiResponse> {
    return this.queries.execute(new GetKpisQuery(params, caller));
  }
}
