import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { accountStream, notFound } from '@arrears/domain';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { accountView, evolveAccountDocument, isAccountEvent, type AccountDocument, type AccountView } from '@arrears/projections';
import { GetAccountStateQuery } from './get-account-state.query';
import { ContactPoliciesInForce } from '@arrears/commands';

export type AccountStateAsOf = AccountView & { revision: number };

/**
 * The account as it stood at an instant: its stream replayed from the event store, leaving out what
 * was recorded later, through the same fold as the account read model. Days past due and aging are
 * as of that instant too.
 */
@QueryHandler(GetAccountStateQuery)
export class GetAccountStateHandler implements IQueryHandler<GetAccountStateQuery, AccountStateAsOf> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly contactPolicies: ContactPoliciesInForce,
  ) {}

  async execute({ accountId, asOf }: GetAccountStateQuery): Promise<AccountStateAsOf> {
    const instant = Date.parse(asOf);
    const recorded = (await this.store.readStream(accountStream(accountId))).filter((event) => Date.parse(event.metadata.recordedAt) <= instant);
    let document: AccountDocument | null = null;
    for (const event of recorded.filter(isAccountEvent)) {
      const next = evolveAccountDocument(document, event);
      document = next && { ...next, position: Number(event.position) };
    }
    if (!document) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} did not exist at ${asOf}.`, { accountId, asOf });
    return { ...accountView(document, new Date(instant).toISOString(), this.contactPolicies.policyFor(document.creditorId)), revision: recorded.length - 1 };
  }
}
