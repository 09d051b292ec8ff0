import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { requireCreditorInScope } from '@arrears/commands';
import { accountReadModel, accountSearchReadModel } from '@arrears/projections';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../read-side/paging';
import { QueryEndpoint } from '../read-side/query-endpoint.decorator';
import { ReadConsistency } from '../read-side/read-consistency';
import { AccountSearch, type SearchScope } from './account-search';
import { AccountSearchParams } from './search.requests';
import { AccountSearchResponse } from './search.responses';

/** Account search for inbound calls, within the creditors the caller's token acts for. */
@ApiTags('accounts')
@Controller('accounts')
export class SearchController {
  constructor(
    private readonly search: AccountSearch,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get('search')
  @QueryEndpoint(
    'Find accounts by account id, debtor reference, debtor name words (whole or first 3–8 letters) or phone number, by account id',
    AccountSearchResponse,
  )
  async accounts(@Query() params: AccountSearchParams, @Caller() caller: Principal): Promise<AccountSearchResponse> {
    await this.consistency.reach(params.minPosition, [accountReadModel.name, accountSearchReadModel.name]);
    const limit = params.limit ?? 20;
    const [after] = (decodeCursor(params.cursor, ['string']) ?? []) as string[];
    const matches = [...(await this.search.matches(params.q, scopeOf(caller, params.creditorId)))].filter(
      ([accountId]) => after === undefined || accountId > after,
    );
    const page = matches.slice(0, limit);
    const last = page[page.length - 1];
    return { items: await this.search.lines(page), nextCursor: matches.length > limit && last ? encodeCursor([last[0]]) : null };
  }
}

function scopeOf(caller: Principal, creditorId: string | undefined): SearchScope {
  if (creditorId === undefined) return caller.creditors;
  requireCreditorInScope(caller, creditorId);
  return [creditorId];
}
