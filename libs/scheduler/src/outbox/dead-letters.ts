import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '@arrears/domain';
import { Clock } from '@arrears/platform';
import { READ_STORE, type Condition, type ReadStore } from '@arrears/read-store';
import { OUTBOX_DEAD_LETTERS, RETRIES, type DeadLetter, type PendingRetry, type Requeue } from './delivery-records';

/** Whose dead letters a caller may see: all, or those of these creditors. */
export type CreditorScope = readonly string[] | '*';

/** A page of dead letters, oldest first; `after` is the last one's (deadAt, id). */
export interface DeadLetterQuery {
  creditorId?: string;
  channel?: string;
  limit: number;
  after?: [string, string];
}

/**
 * The outbox's dead letters, for supervisors: listed a page at a time, and requeued one at a time.
 * A requeue moves the letter back to the retries, due now, its attempts from zero; the dispatcher
 * takes it on its next wake. It is one atomic write, so the notification is always in one of the
 * two, never both nor neither; the dispatcher never writes a dead letter it did not just fail, so
 * the two never race over one.
 */
@Injectable()
export class OutboxDeadLetters {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly clock: Clock,
  ) {}

  /** One page more than asked, so the caller knows whether another follows. */
  async list(scope: CreditorScope, query: DeadLetterQuery): Promise<DeadLetter[]> {
    const where: Condition[] = [];
    if (query.creditorId) where.push({ field: 'creditorId', op: 'eq', value: query.creditorId });
    if (scope !== '*') where.push({ field: 'creditorId', op: 'in', value: [...scope] });
    if (query.channel) where.push({ field: 'channel', op: 'eq', value: query.channel });
    return (await this.readStore.find(OUTBOX_DEAD_LETTERS, {
      where,
      orderBy: [
        { field: 'deadAt', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
      limit: query.limit + 1,
      ...(query.after ? { after: query.after } : {}),
    })) as DeadLetter[];
  }

  /** Sends a dead letter back to be tried again now; returns it as it now waits. */
  async requeue(id: string, scope: CreditorScope, by: Requeue['by']): Promise<PendingRetry> {
    const letter = (await this.readStore.get(OUTBOX_DEAD_LETTERS, id)) as DeadLetter | undefined;
    if (!letter || (scope !== '*' && !(letter.creditorId !== null && scope.includes(letter.creditorId)))) {
      throw notFound('DEAD_LETTER_NOT_FOUND', `No dead letter ${id}.`, { id });
    }
    const now = this.clock.now().toISOString();
    const { deadAt, permanent, ...failed } = letter;
    const retry: PendingRetry = {
      ...failed,
      // Why it died stays on record until the next outcome.
      lastError: `${permanent ? 'failed for good' : 'gave up'} at ${deadAt}: ${letter.lastError}`.slice(0, 500),
      attempts: 0,
      nextAttemptAt: now,
      requeues: [...(letter.requeues ?? []), { by: { id: by.id, role: by.role }, at: now }],
    };
    await this.readStore.apply([
      { kind: 'delete', collection: OUTBOX_DEAD_LETTERS, id },
      { kind: 'put', collection: RETRIES, document: retry },
    ]);
    return retry;
  }
}
