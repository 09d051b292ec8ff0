import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '@arrears/domain';
import { Clock } from '@arrears/platform';
import { accountProjection, accountView, type AccountDocument, type AccountView } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { ContactPoliciesInForce } from '@arrears/commands';
import { ReadConsistency } from '../../read-side/read-consistency';
import { GetAccountQuery } from './get-account.query';

/** The account read model, with what depends on the day worked out for now. */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery, AccountView> {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
    private readonly contactPolicies: ContactPoliciesInForce,
  ) {}

  async execute({ accountId, minPosition }: GetAccountQuery): Promise<AccountView> {
    await this.consistency.reach(minPosition, [accountProjection.name]);
    const document = await this.readStore.get(accountProjection.collection, accountId);
    if (!document) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    return accountView(document as AccountDocument, this.clock.now().toISOString(), this.contactPolicies.policyFor(document.creditorId as string));
  }
}
