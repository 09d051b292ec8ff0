import { Inject, Injectable, Logger } from '@nestjs/common';
import { accountStream, type RenderedMessage } from '@arrears/domain';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { accountReadModel, outboxProjection, type AccountDocument, type OutboxDocument } from '@arrears/projections';
import { READ_STORE, type Lease, type ReadStore } from '@arrears/read-store';
import { Clock, IdGenerator } from '@arrears/platform';
import { NotificationSender } from '../notifications/notification.port';
import { render } from '../notifications/templates';

/** What the outbox holds delivered, by notification id. */
const DELIVERIES = 'outbox_deliveries';
const dispatcherName = 'outbox-dispatcher';
const batchSize = 100;

/**
 * Delivers the outbox in order, at least once: once the sender has a notification, its delivery
 * record and the dispatcher's checkpoint are stored together. A crash before that sends it again,
 * which the id the sender passes on lets the receiver drop. One dispatcher at a time holds the
 * lease; a failed send stops the batch, to be retried on the next wake.
 */
@Injectable()
export class OutboxDispatcher {
  private readonly logger = new Logger('Outbox');
  private readonly owner: string;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly sender: NotificationSender,
    private readonly clock: Clock,
    ids: IdGenerator,
  ) {
    this.owner = `outbox-${ids.uuid()}`;
  }

  /** Delivers what is pending; returns how many went out. */
  async dispatch(leaseMs = 30_000): Promise<number> {
    const lease = await this.readStore.acquireLease(dispatcherName, this.owner, leaseMs);
    if (!lease) return 0;
    let delivered = 0;
    try {
      for (;;) {
        const sent = await this.deliverBatch(lease);
        delivered += sent.delivered;
        if (!sent.more) return delivered;
      }
    } finally {
      await this.readStore.releaseLease(lease);
    }
  }

  private async deliverBatch(lease: Lease): Promise<{ delivered: number; more: boolean }> {
    const checkpoint = (await this.readStore.checkpoint(dispatcherName)) ?? 0n;
    const queued = (await this.readStore.find(outboxProjection.collection, {
      where: [{ field: 'position', op: 'gt', value: Number(checkpoint) }],
      orderBy: [{ field: 'position', direction: 'asc' }],
      limit: batchSize,
    })) as OutboxDocument[];
    let delivered = 0;
    let reached = checkpoint;
    let stored = checkpoint;
    let failed = false;
    for (const notification of queued) {
      const position = BigInt(notification.position);
      if (await this.readStore.get(DELIVERIES, notification.id)) {
        reached = position;
        continue;
      }
      try {
        const account = (await this.readStore.get(accountReadModel.collection, notification.accountId)) as AccountDocument | undefined;
        await this.sender.send(render(notification, account?.account, await this.storedMessage(notification)));
      } catch (error) {
        this.logger.warn(`Notification ${notification.id} not delivered, will retry: ${error instanceof Error ? error.message : String(error)}`);
        failed = true;
        break;
      }
      // The delivery record and the checkpoint move together, fenced: a dispatcher that lost its lease stops here.
      const record = { id: notification.id, accountId: notification.accountId, channel: notification.channel, deliveredAt: this.clock.now().toISOString() };
      await this.readStore.apply([{ kind: 'put', collection: DELIVERIES, document: record }], { name: dispatcherName, position, fence: lease.token });
      reached = stored = position;
      delivered++;
    }
    // Notifications delivered before (a crash after sending) only move the checkpoint.
    if (reached > stored) await this.readStore.apply([], { name: dispatcherName, position: reached, fence: lease.token });
    return { delivered, more: !failed && queued.length === batchSize };
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
