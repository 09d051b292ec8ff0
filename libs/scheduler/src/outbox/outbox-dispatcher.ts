import { Inject, Injectable, Logger } from '@nestjs/common';
import { ContactPoliciesInForce } from '@arrears/commands';
import { accountStream, contactRefusals, convenientTimeRules, nextAllowedContact, withdrawnBeforeDelivery, type RenderedMessage } from '@arrears/domain';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { accountReadModel, foldOnlyAccountFields, outboxProjection, reminderOf, type AccountDocument, type OutboxDocument } from '@arrears/projections';
import { LeaseLostError, READ_STORE, type Lease, type ReadStore, type WriteOperation } from '@arrears/read-store';
import { APP_CONFIG, Clock, IdGenerator, type AppConfig } from '@arrears/platform';
import { addressed } from '../notifications/addressing';
import { PermanentDeliveryError, NotificationSender, type Notification, type NotificationChannel } from '../notifications/notification.port';
import { render } from '../notifications/templates';
import {
  DELIVERIES,
  OUTBOX_DEAD_LETTERS,
  RETRIES,
  deadLetterIndexes,
  redactedError,
  retryDelay,
  retryIndexes,
  type DeadLetter,
  type PendingRetry,
  type RetrySettings,
} from './delivery-records';

const dispatcherName = 'outbox-dispatcher';
const batchSize = 100;

/** What one try of a notification came to. */
type Outcome =
  | { kind: 'delivered' }
  | { kind: 'failed'; error: string; permanent: boolean }
  /** Not tried: its channel failed earlier in this wake, so it waits for that one's next try. */
  | { kind: 'deferred'; error: string; until: string };

/** One wake of the dispatcher: its lease, its instant, and the channels that failed in it. */
interface Wake {
  lease: Lease;
  leaseMs: number;
  renewedAt: number;
  now: Date;
  failing: Map<NotificationChannel, { error: string; until: string }>;
}

/**
 * Delivers the outbox, at least once, deduplicated by notification id. Each notification's outcome
 * is stored with the dispatcher's checkpoint, fenced by its lease: delivered, scheduled for another
 * try (with exponential backoff and jitter, the attempts and the next try's time in the read store,
 * so they survive a restart), or dead-lettered (a permanent failure at once, any other after
 * NOTIFY_MAX_ATTEMPTS tries). The checkpoint never passes a notification without one of the three,
 * and a failed notification no longer holds back the ones after it. A crash after a send and before
 * its record sends it again, which the id the adapters pass on lets the receiver drop. One
 * dispatcher at a time holds the lease.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger('Outbox');
  private readonly owner: string;
  private readonly settings: RetrySettings;
  private indexed: Promise<void> | undefined;
  /** Where the jitter of retry delays comes from. */
  random: () => number = Math.random;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly sender: NotificationSender,
    private readonly clock: Clock,
    ids: IdGenerator,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly policies: ContactPoliciesInForce,
  ) {
    this.owner = `outbox-${ids.uuid()}`;
    this.settings = config.delivery;
  }

  /** Delivers the retries that are due, then what is newly queued; returns how many went out. */
  async dispatch(leaseMs = 30_000): Promise<number> {
    const lease = await this.readStore.acquireLease(dispatcherName, this.owner, leaseMs);
    if (!lease) return 0;
    const wake: Wake = { lease, leaseMs, renewedAt: performance.now(), now: this.clock.now(), failing: new Map() };
    try {
      await (this.indexed ??= this.ensureIndexes());
      let delivered = await this.retryDue(wake);
      for (;;) {
        const sent = await this.deliverBatch(wake);
        delivered += sent.delivered;
        if (!sent.more) return delivered;
      }
    } finally {
      await this.readStore.releaseLease(lease);
    }
  }

  /** Tries again the notifications whose next try has come, earliest first. */
  private async retryDue(wake: Wake): Promise<number> {
    // The checkpoint does not move here: it only fences these writes with the lease.
    const fence = { name: dispatcherName, position: (await this.readStore.checkpoint(dispatcherName)) ?? 0n, fence: wake.lease.token };
    let delivered = 0;
    for (;;) {
      const due = (await this.readStore.find(RETRIES, {
        where: [{ field: 'nextAttemptAt', op: 'lte', value: wake.now.toISOString() }],
        orderBy: [
          { field: 'nextAttemptAt', direction: 'asc' },
          { field: 'id', direction: 'asc' },
        ],
        limit: batchSize,
      })) as PendingRetry[];
      for (const retry of due) {
        await this.keepLease(wake);
        const queued = (await this.readStore.get(outboxProjection.collection, retry.id)) as OutboxDocument | undefined;
        if (!queued || (await this.readStore.get(DELIVERIES, retry.id))) {
          // Delivered before a crash, or gone from the outbox: nothing is left to try.
          await this.readStore.apply([{ kind: 'delete', collection: RETRIES, id: retry.id }], fence);
          continue;
        }
        const { outcome, creditorId } = await this.attempt(queued, wake);
        await this.readStore.apply(this.recorded(queued, creditorId, retry, outcome, wake), fence);
        if (outcome.kind === 'delivered') delivered++;
      }
      if (due.length < batchSize) return delivered;
    }
  }

  /** The next notifications after the checkpoint, in order; each outcome moves the checkpoint past it. */
  private async deliverBatch(wake: Wake): Promise<{ delivered: number; more: boolean }> {
    const checkpoint = (await this.readStore.checkpoint(dispatcherName)) ?? 0n;
    const queued = (await this.readStore.find(outboxProjection.collection, {
      where: [{ field: 'position', op: 'gt', value: Number(checkpoint) }],
      orderBy: [{ field: 'position', direction: 'asc' }],
      limit: batchSize,
    })) as OutboxDocument[];
    // A notification is addressed from the account read model: it waits until that has seen it queued.
    const accountsAt = (await this.readStore.checkpoint(accountReadModel.name)) ?? 0n;
    let delivered = 0;
    let reached = checkpoint;
    let stored = checkpoint;
    let behind = false;
    for (const notification of queued) {
      const position = BigInt(notification.position);
      if (await this.readStore.get(DELIVERIES, notification.id)) {
        reached = position;
        continue;
      }
      if (position > accountsAt) {
        behind = true;
        break;
      }
      await this.keepLease(wake);
      const { outcome, creditorId } = await this.attempt(notification, wake);
      const writes = this.recorded(notification, creditorId, undefined, outcome, wake);
      await this.readStore.apply(writes, { name: dispatcherName, position, fence: wake.lease.token });
      reached = stored = position;
      if (outcome.kind === 'delivered') delivered++;
    }
    // Notifications delivered before (a crash after sending) only move the checkpoint.
    if (reached > stored) await this.readStore.apply([], { name: dispatcherName, position: reached, fence: wake.lease.token });
    return { delivered, more: !behind && queued.length === batchSize };
  }

  /** Renders, addresses and sends one notification; what came of it, and whose account it was. */
  private async attempt(queued: OutboxDocument, wake: Wake): Promise<{ outcome: Outcome; creditorId: string | null }> {
    // Its rules and its addressing read a DeliverySubject and an AddressedAccount: nothing only the fold reads.
    const account = (await this.readStore.get(accountReadModel.collection, queued.accountId, { omit: foldOnlyAccountFields })) as AccountDocument | undefined;
    const creditorId = account?.creditorId ?? null;
    const failing = wake.failing.get(queued.channel as NotificationChannel);
    if (failing) return { outcome: { kind: 'deferred', ...failing }, creditorId };
    const held = account ? (this.withdrawn(queued, account, wake) ?? this.outsideContactHours(queued, account, wake)) : undefined;
    if (held) return { outcome: held, creditorId };
    let notification: Notification | undefined;
    try {
      notification = addressed(queued, account?.account, this.policies.profileFor(creditorId ?? ''), render(queued, await this.storedMessage(queued)));
      await this.sender.send(notification);
      return { outcome: { kind: 'delivered' }, creditorId };
    } catch (error) {
      const text = redactedError(error, recipientOf(notification));
      const permanent = error instanceof PermanentDeliveryError;
      this.logger.warn(`Notification ${queued.id} by ${queued.channel} not delivered${permanent ? ', for good' : ''}: ${text}`);
      return { outcome: { kind: 'failed', error: text, permanent }, creditorId };
    }
  }

  /**
   * A message the debtor has since ruled out (a cease request, a blocked medium, a dispute of its debt)
   * is not sent when its try comes: dead-lettered with why, so a person sees what was withheld.
   */
  private withdrawn(queued: OutboxDocument, account: AccountDocument, wake: Wake): Outcome | undefined {
    const reminder = reminderOf(queued);
    const message = { channel: queued.channel, template: queued.template, ...(reminder && { reminderOf: reminder }) };
    const refusal = withdrawnBeforeDelivery(account.account, message, wake.now.toISOString(), this.policies.policyFor(account.creditorId));
    return refusal ? { kind: 'failed', error: `withdrawn: ${refusal.message}`, permanent: true } : undefined;
  }

  /**
   * An e-mail or SMS whose try falls outside the debtor's contact hours, or the span they said suits them
   * (1006.6(b)(1)(i)), waits for them, untried: a retry's time, or a backlog after an outage, may come at night.
   * One whose debtor stated a span the hours never meet within two weeks is dead-lettered for a person. Letters are
   * not held.
   */
  private outsideContactHours(queued: OutboxDocument, account: AccountDocument, wake: Wake): Outcome | undefined {
    const contact = { channel: queued.channel, at: wake.now.toISOString() };
    const policy = this.policies.policyFor(account.creditorId);
    const [refusal] = contactRefusals(account.account, contact, policy, convenientTimeRules);
    if (!refusal) return undefined;
    const until = nextAllowedContact(account.account, contact, policy, convenientTimeRules);
    return until
      ? { kind: 'deferred', error: `waiting for contact hours: ${refusal.message}`, until }
      : { kind: 'failed', error: `withheld: no convenient time within two weeks: ${refusal.message}`, permanent: true };
  }

  /** The writes that record an outcome: a delivery, the next try, or a dead letter (and the retry gone). */
  private recorded(queued: OutboxDocument, creditorId: string | null, retry: PendingRetry | undefined, outcome: Outcome, wake: Wake): WriteOperation[] {
    const now = wake.now.toISOString();
    const attempts = (retry?.attempts ?? 0) + (outcome.kind === 'deferred' ? 0 : 1);
    const clearRetry: WriteOperation[] = retry ? [{ kind: 'delete', collection: RETRIES, id: retry.id }] : [];
    if (outcome.kind === 'delivered') {
      const record = { id: queued.id, accountId: queued.accountId, channel: queued.channel, deliveredAt: now, attempts };
      return [{ kind: 'put', collection: DELIVERIES, document: record }, ...clearRetry];
    }
    const failed = {
      id: queued.id,
      accountId: queued.accountId,
      creditorId,
      channel: queued.channel as NotificationChannel,
      template: queued.template,
      position: queued.position,
      attempts,
      lastError: outcome.error,
      firstFailedAt: retry?.firstFailedAt ?? now,
      ...(retry?.requeues ? { requeues: retry.requeues } : {}),
    };
    if (outcome.kind === 'deferred')
      return [{ kind: 'put', collection: RETRIES, document: { ...failed, nextAttemptAt: outcome.until } satisfies PendingRetry }];
    if (outcome.permanent || attempts >= this.settings.maxAttempts) {
      const letter: DeadLetter = { ...failed, deadAt: now, permanent: outcome.permanent };
      return [{ kind: 'put', collection: OUTBOX_DEAD_LETTERS, document: letter }, ...clearRetry];
    }
    const nextAttemptAt = new Date(wake.now.getTime() + retryDelay(attempts, this.settings, this.random)).toISOString();
    // The channel's later notifications in this wake wait for this one's next try instead of failing too.
    wake.failing.set(queued.channel as NotificationChannel, { error: `not tried while ${queued.channel} was failing: ${outcome.error}`, until: nextAttemptAt });
    return [{ kind: 'put', collection: RETRIES, document: { ...failed, nextAttemptAt } satisfies PendingRetry }];
  }

  /** Renews the lease once a third of it has passed, so that a wake of slow providers keeps it. */
  private async keepLease(wake: Wake): Promise<void> {
    if (performance.now() - wake.renewedAt < wake.leaseMs / 3) return;
    const renewed = await this.readStore.acquireLease(dispatcherName, this.owner, wake.leaseMs);
    if (!renewed || renewed.token !== wake.lease.token) throw new LeaseLostError(dispatcherName);
    wake.renewedAt = performance.now();
  }

  private async ensureIndexes(): Promise<void> {
    try {
      await this.readStore.ensureIndexes(RETRIES, retryIndexes);
      await this.readStore.ensureIndexes(OUTBOX_DEAD_LETTERS, deadLetterIndexes);
    } catch (error) {
      // A store that was down: the next wake tries again.
      this.indexed = undefined;
      throw error;
    }
  }

  /**
   * The message as the event stored it, opened with the debtor's key: the outbox keeps only where it
   * is. None for an event recorded before messages were, or once the debtor is erased.
   */
  private async storedMessage({ accountId, messageRevision }: OutboxDocument): Promise<RenderedMessage | undefined> {
    if (messageRevision === undefined) return undefined;
    const [event] = await this.events.readStream(accountStream(accountId), { fromRevision: BigInt(messageRevision), maxCount: 1 });
    const message = (event?.data as { message?: RenderedMessage } | undefined)?.message;
    return message && !message.erased ? message : undefined;
  }
}

/** The strings of a notification's address, for taking them out of an error. */
function recipientOf(notification: Notification | undefined): string[] {
  if (!notification?.to) return [];
  if (notification.channel !== 'letter') return [notification.to];
  const { name, address } = notification.to;
  return [...(name ? [name] : []), ...address.lines, address.city, ...(address.postalCode ? [address.postalCode] : [])];
}
