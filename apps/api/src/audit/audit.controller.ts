import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ContactPoliciesInForce } from '@arrears/commands';
import { accountStream, notFound } from '@arrears/domain';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { APP_CONFIG, reportingZones, type AppConfig, type ReportingZones } from '@arrears/platform';
import { accountView, evolveAccountDocument, isAccountEvent, type AccountDocument, type RecordedAccountEvent } from '@arrears/projections';
import { IdParam } from '../http/parse-id.pipe';
import { QueryEndpoint, unknownAccount, unreadableHistory } from '../read-side/query-endpoint.decorator';
import { endOfDay, happenedBy, recordedBy, type ReplayCut } from './account-replay';
import { AccountStateParams } from './audit.requests';
import { AccountEventsResponse, AccountStateAsOfResponse, type AccountStateAsOf } from './audit.responses';
import { ApiProblems } from '../http/api-problems.decorator';

/** An account's history from the event store itself: its events as stored, and the account as it stood in record or business time. */
@ApiTags('audit')
@Controller('accounts')
export class AuditController {
  private readonly zones: ReportingZones;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly contactPolicies: ContactPoliciesInForce,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.zones = reportingZones(config.reportingTimeZones);
  }

  @Get(':accountId/events')
  @ApiOperation({ summary: 'The account’s events as stored, in order, with their metadata' })
  @ApiOkResponse({ type: AccountEventsResponse })
  @ApiProblems({ ...unknownAccount, ...unreadableHistory })
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
   * The account replayed from the event store through the same fold as the account read model, in
   * record time (`asOf`: leaving out what was recorded later), in business time (`asAt`: leaving out
   * what happened after that date, however early it was recorded), or both (what was known at `asOf`
   * about the account as at `asAt`). Days past due and aging are as of `asAt` when given (the end of
   * that day for the debtor), else as of `asOf`.
   */
  @Get(':accountId/state')
  @QueryEndpoint(
    'The account as it stood at an instant (asOf, record time) or on a business date (asAt), replayed from the event store',
    AccountStateAsOfResponse,
    { ...unknownAccount, ...unreadableHistory },
  )
  async state(@IdParam('accountId') accountId: string, @Query() { asOf, asAt }: AccountStateParams): Promise<AccountStateAsOf> {
    const cut: ReplayCut = { ...(asOf !== undefined && { asOf: new Date(Date.parse(asOf)).toISOString() }), ...(asAt !== undefined && { asAt }) };
    const known = recordedBy(await this.store.readStream(accountStream(accountId)), cut.asOf);
    const events = known.filter(isAccountEvent);
    const document = replay(cut.asAt === undefined ? events : happenedBy(events, cut.asAt, this.zones));
    if (!document) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} ${absence(cut)}.`, { accountId, ...cut });
    const at = cut.asAt === undefined ? (cut.asOf as string) : endOfDay(cut.asAt, document.account.debtor.timeZone);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the view's own instant gives way to the cut the auditor asked for
    const { asOf: _instant, ...view } = accountView(document, at, this.contactPolicies.policies);
    return { ...view, ...cut, revision: known.length - 1 };
  }
}

/** The account folded from the events given, or null when none opened it. */
function replay(events: RecordedAccountEvent[]): AccountDocument | null {
  let document: AccountDocument | null = null;
  for (const event of events) {
    const next = evolveAccountDocument(document, event);
    document = next && { ...next, position: Number(event.position) };
  }
  return document;
}

function absence({ asOf, asAt }: ReplayCut): string {
  if (asAt === undefined) return `did not exist at ${asOf as string}`;
  return `had no fact by the end of ${asAt}${asOf === undefined ? '' : ` among the events recorded by ${asOf}`}`;
}
