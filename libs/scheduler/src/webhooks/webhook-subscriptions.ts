import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { conflict, DomainError, notFound, ruleBroken } from '@arrears/domain';
import { STORED_EVENT_STORE, type EventStore } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import { APP_CONFIG, Clock, IdGenerator, Metrics, type AppConfig } from '@arrears/platform';
import { READ_STORE, type ReadStore, type WriteOperation } from '@arrears/read-store';
import {
  deliveryName,
  everything,
  WEBHOOK_DEAD_LETTERS,
  WEBHOOK_STATUS,
  WEBHOOK_SUBSCRIPTIONS,
  type WebhookDeadLetter,
  type WebhookStatus,
  type WebhookSubscription,
} from './webhook-records';
import { addressLiteralOf, isPublicAddress } from './receiver-address';

/** Who asks: their id and role, and the creditors their token names (`*`: all). */
export interface WebhookCaller {
  id: string;
  role: string;
  creditors: readonly string[] | '*';
}

/** A subscription as asked for, its fields already checked for shape at the edge. */
export interface NewSubscription {
  url: string;
  eventTypes: string[];
  creditorIds: string[];
  personalData: boolean;
  description?: string;
  /** Deliver from this log position on (1: the whole history); from the next event when absent. */
  fromPosition?: number;
}

/** Where a subscription's delivery stands. */
export interface DeliveryStatus {
  delivered: number;
  lastDeliveredAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  /** Tries of the event being retried now (0 once delivered). */
  attempts: number;
  /** Every event up to this log position is delivered or dead-lettered. */
  position: number;
  /** The log's last position, and how far behind it delivery is. */
  headPosition: number;
  behind: number;
  /** Seconds since the oldest event not yet passed was recorded; 0 when none waits. */
  lagSeconds: number;
  deadLetters: number;
}

/** The role that may have debtors' personal data sent out: an accountable person, never a machine's token. */
const personalDataRole = 'supervisor';
/** The data key subject of the signing secrets: no creditor id holds ':', so no debtor's subject is it. */
const secretsSubject = 'webhooks:signing-secrets';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The webhook subscriptions, for supervisors and integrations (system tokens): made, listed, read with
 * their delivery status, disabled; a subscription's log replayed from a position; its dead letters listed
 * and retried. A caller sees only subscriptions wholly within their creditors. Disabling, replays and retries take
 * the subscription's lease over for their write, so the process delivering it starts again from what
 * they wrote.
 */
@Injectable()
export class WebhookSubscriptions {
  private readonly owner: string;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    /** The log as stored: only positions and times are read here, nothing to open. */
    @Inject(STORED_EVENT_STORE) private readonly events: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    this.owner = `webhooks-api-${ids.uuid()}`;
    metrics.gauge('arrears_webhook_behind_positions', 'Log positions an enabled webhook subscription has not passed yet', ['webhook'], async (gauge) => {
      const head = await this.events.headPosition();
      const subscriptions = (await this.readStore.find(WEBHOOK_SUBSCRIPTIONS, { omit: ['secret'] })) as WebhookSubscription[];
      for (const subscription of subscriptions.filter(({ disabled }) => !disabled)) {
        const position = (await this.readStore.checkpoint(deliveryName(subscription.id))) ?? BigInt(subscription.startAfter);
        gauge.set({ webhook: subscription.id }, Math.max(0, Number(head - position)));
      }
    });
  }

  /** Makes a subscription; its signing secret is answered here only, and kept sealed. */
  async create(input: NewSubscription, caller: WebhookCaller): Promise<{ subscription: WebhookSubscription; secret: string }> {
    this.requireScope(input.creditorIds, caller);
    this.requireUrlAllowed(input.url, input.personalData);
    if (input.personalData && caller.role !== personalDataRole) {
      throw new DomainError('PERSONAL_DATA_NOT_ALLOWED', 'forbidden', 'Only a supervisor may subscribe a receiver to debtors’ personal data.');
    }
    const head = await this.events.headPosition();
    if (input.fromPosition !== undefined) this.requireNotAhead(input.fromPosition, head);
    const id = this.ids.uuid();
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const subscription: WebhookSubscription = {
      id,
      url: input.url,
      eventTypes: input.eventTypes,
      creditorIds: input.creditorIds,
      personalData: input.personalData,
      ...(input.description ? { description: input.description } : {}),
      secret: await this.vault.sealValue(secretsSubject, secret, id),
      createdAt: this.clock.now().toISOString(),
      createdBy: { id: caller.id, role: caller.role },
      startAfter: input.fromPosition === undefined ? Number(head) : input.fromPosition - 1,
    };
    await this.readStore.apply([{ kind: 'put', collection: WEBHOOK_SUBSCRIPTIONS, document: subscription }]);
    return { subscription, secret };
  }

  /** The caller's subscriptions, oldest first. */
  async list(caller: WebhookCaller): Promise<WebhookSubscription[]> {
    const all = (await this.readStore.find(WEBHOOK_SUBSCRIPTIONS, { orderBy: [{ field: 'createdAt', direction: 'asc' }] })) as WebhookSubscription[];
    return all.filter((subscription) => visibleTo(subscription, caller));
  }

  /** The subscription, if the caller may see it: another's answers as an absent one. */
  async get(id: string, caller: WebhookCaller): Promise<WebhookSubscription> {
    const subscription = (await this.readStore.get(WEBHOOK_SUBSCRIPTIONS, id)) as WebhookSubscription | undefined;
    if (!subscription || !visibleTo(subscription, caller)) throw notFound('WEBHOOK_NOT_FOUND', `No webhook subscription ${id}.`, { id });
    return subscription;
  }

  async delivery(subscription: WebhookSubscription): Promise<DeliveryStatus> {
    const position = (await this.readStore.checkpoint(deliveryName(subscription.id))) ?? BigInt(subscription.startAfter);
    const head = await this.events.headPosition();
    const [next] = await this.events.readAll({ after: position, maxCount: 1 });
    const status = (await this.readStore.get(WEBHOOK_STATUS, subscription.id)) as WebhookStatus | undefined;
    const letters = await this.readStore.find(WEBHOOK_DEAD_LETTERS, { where: [{ field: 'subscriptionId', op: 'eq', value: subscription.id }] });
    const waited = next ? (this.clock.now().getTime() - Date.parse(next.metadata.recordedAt)) / 1000 : 0;
    return {
      delivered: status?.delivered ?? 0,
      ...(status?.lastDeliveredAt ? { lastDeliveredAt: status.lastDeliveredAt } : {}),
      ...(status?.lastError ? { lastError: status.lastError, lastErrorAt: status.lastErrorAt as string } : {}),
      attempts: status?.attempts ?? 0,
      position: Number(position),
      headPosition: Number(head),
      behind: Math.max(0, Number(head - position)),
      lagSeconds: Math.max(0, Math.round(waited)),
      deadLetters: letters.length,
    };
  }

  /**
   * Disables the subscription for good, under its lease taken over: its worker sends no further batch
   * (at most the one in hand, whose checkpoint is then refused). Disabling it again changes nothing.
   */
  async disable(id: string, caller: WebhookCaller): Promise<WebhookSubscription> {
    const subscription = await this.get(id, caller);
    if (subscription.disabled) return subscription;
    const disabled = { at: this.clock.now().toISOString(), by: { id: caller.id, role: caller.role } };
    await this.writeUnderTakenLease(subscription, [{ kind: 'update', collection: WEBHOOK_SUBSCRIPTIONS, id, set: { disabled } }]);
    return { ...subscription, disabled };
  }

  /** Delivers again every event of the subscription from `fromPosition` on, in order (receivers drop duplicates by id). */
  async replay(id: string, fromPosition: number, caller: WebhookCaller): Promise<void> {
    const subscription = await this.get(id, caller);
    requireEnabled(subscription);
    this.requireNotAhead(fromPosition, await this.events.headPosition());
    await this.writeUnderTakenLease(subscription, [], BigInt(fromPosition - 1));
  }

  /** One page more than asked, in log order, after the `after` position. */
  async deadLetters(id: string, caller: WebhookCaller, page: { limit: number; after?: number }): Promise<WebhookDeadLetter[]> {
    await this.get(id, caller);
    return (await this.readStore.find(WEBHOOK_DEAD_LETTERS, {
      where: [{ field: 'subscriptionId', op: 'eq', value: id }],
      orderBy: [
        { field: 'subscriptionId', direction: 'asc' },
        { field: 'position', direction: 'asc' },
      ],
      limit: page.limit + 1,
      ...(page.after === undefined ? {} : { after: [id, page.after] }),
    })) as WebhookDeadLetter[];
  }

  /**
   * Asks for the dead letter's account to be tried again: all its letters, in log order, so that a
   * later event never overtakes an earlier one. Answers the account and how many letters wait.
   */
  async retry(id: string, eventId: string, caller: WebhookCaller): Promise<{ accountId: string; requeued: number }> {
    const subscription = await this.get(id, caller);
    requireEnabled(subscription);
    const letter = (await this.readStore.get(WEBHOOK_DEAD_LETTERS, `${id}:${eventId}`)) as WebhookDeadLetter | undefined;
    if (!letter) throw notFound('WEBHOOK_DEAD_LETTER_NOT_FOUND', `No dead letter of event ${eventId} for webhook ${id}.`, { id, eventId });
    const letters = await this.readStore.find(WEBHOOK_DEAD_LETTERS, {
      where: [
        { field: 'subscriptionId', op: 'eq', value: id },
        { field: 'accountId', op: 'eq', value: letter.accountId },
      ],
    });
    const queued = letters.map((each): WriteOperation => ({ kind: 'update', collection: WEBHOOK_DEAD_LETTERS, id: each.id, set: { state: 'queued' } }));
    await this.writeUnderTakenLease(subscription, queued);
    return { accountId: letter.accountId, requeued: letters.length };
  }

  /** The signing secret, opened. */
  async secretOf(subscription: WebhookSubscription): Promise<string> {
    const secret = await this.vault.openValue(subscription.secret, subscription.id);
    if (typeof secret !== 'string') throw new Error(`The signing secret of webhook ${subscription.id} cannot be opened`);
    return secret;
  }

  /**
   * Writes under the subscription's lease, taken from whoever holds it: their next write is refused,
   * and they start again from the store, seeing this write. The checkpoint stays unless one is given.
   */
  private async writeUnderTakenLease(subscription: WebhookSubscription, writes: WriteOperation[], position?: bigint): Promise<void> {
    const name = deliveryName(subscription.id);
    const lease = await this.readStore.acquireLease(name, this.owner, this.config.webhooks.leaseMs, { takeOver: true });
    if (!lease) throw new Error(`The lease on ${name} could not be taken`);
    try {
      const at = position ?? (await this.readStore.checkpoint(name)) ?? BigInt(subscription.startAfter);
      await this.readStore.apply(writes, { name, position: at, fence: lease.token });
    } finally {
      await this.readStore.releaseLease(lease);
    }
  }

  private requireScope(creditorIds: string[], caller: WebhookCaller): void {
    if (caller.creditors === everything) return;
    const outside = creditorIds.find((creditorId) => !caller.creditors.includes(creditorId));
    if (outside !== undefined) {
      throw new DomainError('CREDITOR_NOT_ALLOWED', 'forbidden', `This token may not subscribe to creditor ${outside}.`, { creditorId: outside });
    }
  }

  /**
   * A public address unless WEBHOOK_ALLOW_PRIVATE_RECEIVERS; https anywhere; plain http only to this machine
   * unless WEBHOOK_ALLOW_HTTP; personal data only over https (or to this machine), whatever the setting:
   * it must not cross a network in clear.
   */
  private requireUrlAllowed(url: string, personalData: boolean): void {
    const parsed = new URL(url);
    const { protocol, hostname } = parsed;
    // A name is checked where it matters, at each delivery (it may resolve elsewhere by then); an address or `localhost` already here.
    const literal = hostname === 'localhost' ? '127.0.0.1' : addressLiteralOf(parsed);
    if (!this.config.webhooks.allowPrivateReceivers && literal !== null && !isPublicAddress(literal)) {
      throw ruleBroken('WEBHOOK_URL_NOT_ALLOWED', 'A webhook URL must reach a public address (private receivers need WEBHOOK_ALLOW_PRIVATE_RECEIVERS=true).', {
        field: 'url',
      });
    }
    if (protocol === 'https:' || loopback.has(hostname)) return;
    if (personalData) throw ruleBroken('WEBHOOK_URL_NOT_ALLOWED', 'Personal data is sent only to an https:// URL.', { field: 'url' });
    if (!this.config.webhooks.allowHttp) {
      throw ruleBroken('WEBHOOK_URL_NOT_ALLOWED', 'A webhook URL must be https:// (http:// only to this machine, unless WEBHOOK_ALLOW_HTTP=true).', {
        field: 'url',
      });
    }
  }

  private requireNotAhead(fromPosition: number, head: bigint): void {
    if (BigInt(fromPosition) > head + 1n) {
      throw ruleBroken('FROM_POSITION_AHEAD', `Position ${fromPosition} is past the log’s next one (${head + 1n}).`, { headPosition: Number(head) });
    }
  }
}

function requireEnabled(subscription: WebhookSubscription): void {
  if (subscription.disabled) throw conflict('WEBHOOK_DISABLED', `Webhook ${subscription.id} is disabled: it sends nothing any more.`, { id: subscription.id });
}

/** Whether the caller acts for every creditor the subscription covers. */
function visibleTo(subscription: WebhookSubscription, caller: WebhookCaller): boolean {
  if (caller.creditors === everything) return true;
  const { creditors } = caller;
  return !subscription.creditorIds.includes(everything) && subscription.creditorIds.every((creditorId) => creditors.includes(creditorId));
}
