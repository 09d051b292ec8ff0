import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookSubscriptions, type WebhookDeadLetter, type WebhookSubscription } from '@arrears/scheduler';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../http/api-problems.decorator';
import { NoBodyPipe } from '../http/no-body.pipe';
import { IdParam } from '../http/parse-id.pipe';
import { decodeCursor, encodeCursor } from '../read-side/paging';
import { CreateWebhookRequest, ReplayWebhookRequest, WebhookDeadLettersParams } from './webhooks.requests';
import {
  CreatedWebhookResponse,
  WebhookDeadLetterResponse,
  WebhookDeadLettersPageResponse,
  WebhookDetailResponse,
  WebhookListResponse,
  WebhookReplayResponse,
  WebhookResponse,
  WebhookRetryResponse,
} from './webhooks.responses';

const unknownWebhook = { 404: 'No such subscription wholly within the caller’s creditors (`WEBHOOK_NOT_FOUND`).' } as const;

/**
 * Webhooks out (docs/webhooks.md), for supervisors and integrations: subscriptions to the account
 * events of some creditors, delivered signed, at least once, in order per account; each with its
 * delivery status, a replay from any position, and its dead letters.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly subscriptions: WebhookSubscriptions) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a receiver to account events; the answer carries the signing secret, this once' })
  @ApiCreatedResponse({ type: CreatedWebhookResponse, description: 'The subscription, and its signing secret.' })
  @ApiProblems({
    403: 'A creditor the token does not act for, or "*" without acting for all (`CREDITOR_NOT_ALLOWED`); personal data asked by another than a supervisor (`PERSONAL_DATA_NOT_ALLOWED`).',
    422: 'A URL this service does not send to (`WEBHOOK_URL_NOT_ALLOWED`), or `fromPosition` past the log’s next position (`FROM_POSITION_AHEAD`).',
  })
  async create(@Body() request: CreateWebhookRequest, @Caller() caller: Principal): Promise<CreatedWebhookResponse> {
    const { subscription, secret } = await this.subscriptions.create(
      {
        url: request.url,
        eventTypes: request.eventTypes,
        creditorIds: request.creditorIds,
        personalData: request.personalData ?? false,
        ...(request.description ? { description: request.description } : {}),
        ...(request.fromPosition === undefined ? {} : { fromPosition: request.fromPosition }),
      },
      caller,
    );
    return Object.assign(view(subscription), { secret });
  }

  @Get()
  @ApiOperation({ summary: 'The subscriptions wholly within the caller’s creditors, oldest first' })
  @ApiOkResponse({ type: WebhookListResponse, description: 'The subscriptions, without their secrets.' })
  async list(@Caller() caller: Principal): Promise<WebhookListResponse> {
    return { webhooks: (await this.subscriptions.list(caller)).map(view) };
  }

  @Get(':webhookId')
  @ApiOperation({ summary: 'A subscription and how its delivery goes: position delivered, lag, last error, tries, dead letters' })
  @ApiOkResponse({ type: WebhookDetailResponse, description: 'The subscription and its delivery status.' })
  @ApiProblems({ 400: 'A malformed id.', ...unknownWebhook })
  async get(@IdParam('webhookId') id: string, @Caller() caller: Principal): Promise<WebhookDetailResponse> {
    const subscription = await this.subscriptions.get(id, caller);
    return Object.assign(view(subscription), { delivery: await this.subscriptions.delivery(subscription) });
  }

  @Post(':webhookId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a subscription for good: nothing is sent any more; it stays listed, with its status and dead letters' })
  @ApiOkResponse({ type: WebhookResponse, description: 'The subscription, disabled (disabling again changes nothing).' })
  @ApiProblems({ 400: 'A malformed id, or a body.', ...unknownWebhook })
  async disable(@IdParam('webhookId') id: string, @Body(NoBodyPipe) _: undefined, @Caller() caller: Principal): Promise<WebhookResponse> {
    return view(await this.subscriptions.disable(id, caller));
  }

  @Post(':webhookId/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deliver again, in order, every event of the subscription from a log position on' })
  @ApiOkResponse({ type: WebhookReplayResponse, description: 'Delivery goes on from there.' })
  @ApiProblems({
    400: 'A malformed id or body.',
    ...unknownWebhook,
    409: 'The subscription is disabled (`WEBHOOK_DISABLED`).',
    422: '`fromPosition` past the log’s next position (`FROM_POSITION_AHEAD`).',
  })
  async replay(@IdParam('webhookId') id: string, @Body() request: ReplayWebhookRequest, @Caller() caller: Principal): Promise<WebhookReplayResponse> {
    await this.subscriptions.replay(id, request.fromPosition, caller);
    return { id, fromPosition: request.fromPosition };
  }

  @Get(':webhookId/dead-letters')
  @ApiOperation({ summary: 'The events given up on, and those of their accounts held behind them, in log order' })
  @ApiOkResponse({ type: WebhookDeadLettersPageResponse, description: 'A page of dead letters, and the cursor of the next one (null at the end).' })
  @ApiProblems({ 400: 'A malformed id or parameter, or a cursor this list did not return (`INVALID_CURSOR`).', ...unknownWebhook })
  async deadLetters(
    @IdParam('webhookId') id: string,
    @Query() params: WebhookDeadLettersParams,
    @Caller() caller: Principal,
  ): Promise<WebhookDeadLettersPageResponse> {
    const limit = params.limit ?? 20;
    const [after] = (decodeCursor(params.cursor, ['number']) ?? []) as number[];
    const page = await this.subscriptions.deadLetters(id, caller, { limit, ...(after === undefined ? {} : { after }) });
    const shown = page.slice(0, limit);
    const last = shown[shown.length - 1];
    return { deadLetters: shown.map(letterView), nextCursor: page.length > limit && last ? encodeCursor([last.position]) : null };
  }

  @Post(':webhookId/dead-letters/:eventId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Try again the dead letter’s account: all its letters, in log order, so none overtakes another' })
  @ApiOkResponse({ type: WebhookRetryResponse, description: 'The account, and how many of its letters wait for their try.' })
  @ApiProblems({
    400: 'A malformed id, or a body.',
    404: 'No such subscription, or no dead letter of that event (`WEBHOOK_NOT_FOUND`, `WEBHOOK_DEAD_LETTER_NOT_FOUND`).',
    409: 'The subscription is disabled (`WEBHOOK_DISABLED`).',
  })
  retry(
    @IdParam('webhookId') id: string,
    @IdParam('eventId') eventId: string,
    @Body(NoBodyPipe) _: undefined,
    @Caller() caller: Principal,
  ): Promise<WebhookRetryResponse> {
    return this.subscriptions.retry(id, eventId, caller);
  }
}

function view(subscription: WebhookSubscription): WebhookResponse {
  const { id, url, eventTypes, creditorIds, personalData, description, createdAt, createdBy, startAfter, disabled } = subscription;
  return {
    id,
    url,
    eventTypes,
    creditorIds,
    personalData,
    ...(description ? { description } : {}),
    createdAt,
    createdBy,
    startAfter,
    ...(disabled ? { disabled } : {}),
  };
}

function letterView(letter: WebhookDeadLetter): WebhookDeadLetterResponse {
  const { eventId, type, accountId, creditorId, position, revision, state, attempts, lastError, deadAt } = letter;
  return { eventId, type, accountId, creditorId, position, revision, state, attempts, lastError, deadAt };
}
