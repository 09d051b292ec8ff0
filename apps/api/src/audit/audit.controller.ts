import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ContactPoliciesInForce } from '@arrears/commands';
import { accountStream, notFound } from '@arrears/domain';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { accountView, evolveAccountDocument, isAccountEvent, type AccountDocument } from '@arrears/projections';
import { IdParam } from '../http/parse-id.pipe';
import { QueryEndpoint } from '../read-side/query-endpoint.decorator';
import { AccountStateParams } from './audit.requests';
import { AccountEventsResponse, type AccountStateAsOf } from './audit.responses';

/** An account's history from the event store itself: its events as stored, and the account as it stood at an instant. */
@ApiTags('audit')
@Controller('accounts')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly contactPolicies: ContactPoliciesInForce,
  ) {}

  @Get(':accountId/events')
  @ApiOperation({ summary: 'The account’s events as stored, in order, with their metadata' })
  @ApiOkResponse({ type: AccountEventsResponse })
  @ApiNotFoundResponse({ description: 'Unknown account.' })
  async events(@IdParam('accountId') accountId: string): Promise<AccountEventsResponse> {
    const recorded = await this.store.readStream(accountStream(accountId));
    if (recorded.length === 0) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    const events = recorded.map(({ id, type, revision, position, data, metadata }) => ({
      id,
      type,
      revision: Number(revision),
      position: Number(position),
      data,
      metadata,
    }));
    return { accountId, revision: events.length - 1, events };
  }

  /**
   * The account as it stood at an instant: its stream replayed from the event store, leaving out what
   * was recorded later, through the same fold as the account read model. Days past due and aging are
   * as of that instant too.
   */
  @Get(':accountId/state')
  @QueryEndpoint('The account as it stood at an instant, replayed from the event store')
  async state(@IdParam('accountId') accountId: string, @Query() { asOf }: AccountStateParams): Promise<AccountStateAsOf> {
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
