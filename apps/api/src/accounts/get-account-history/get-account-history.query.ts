import type { PageQueryParams } from '../../read-side/paging';

export class GetAccountHistoryQuery {
  constructor(
    readonly accountId: string,
    readonly params: PageQueryParams,
  ) {}
}
