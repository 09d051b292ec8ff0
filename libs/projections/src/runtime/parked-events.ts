import { conflict, notFound } from '@arrears/domain';
import type { EventStore, RecordedEvent } from '@arrears/event-store';
import type { Clock, IdGenerator } from '@arrears/platform';
import type { Checkpoint, Condition, ReadStore, WriteOperation } from '@arrears/read-store';
import type { Projection } from '../projection';
import {
  DEAD_LETTERS,
  documentWrite,
  errorText,
  keyOf,
  loadDocuments,
  readStoreAnswers,
  reapplyEvent,
  storableText,
  type DeadLetter,
} from '../runner/batch-writes';

/**
 * Every decision on a parked event, one document each, written once and never changed: the audit
 * record. It is written in the same transaction as the decision's effect (the documents a retry
 * wrote, the dead letter's new status), so a decision is on record exactly when it took effect. The
 * dead letter keeps its own copy of its decisions for a quick look; this collection is what outlives
 * any change to the dead letters.
 */
export const PARKED_EVENT_DECISIONS = 'parked_event_decisions';

/** Who decided, as the token (or the command line) said. */
export interface Decider {
  id: string;
  role: string;
}

export interface ParkedEventDecision {
  /** The parked event's id (its dead letter's). */
  parkedEventId: string;
  decision: 'retried' | 'skipped';
  /** `applied`: the retry wrote the event's documents; `failed`: it stays parked, with `error`. */
  outcome: 'applied' | 'failed' | 'skipped';
  by: Decider;
  /** From the service's clock. */
  at: string;
  error?: string;
}

/** A dead letter as supervisors see it: with the decisions taken on it, oldest first. */
export interface ParkedEvent extends DeadLetter {
  decisions?: ParkedEventDecision[];
}

/** Whose parked events a caller may see: all, or those of these creditors. */
export type CreditorScope = readonly string[] | '*';

const listLimit = 100;

/**
 * What a supervisor does with parked events: list them, retry one (apply it again, to the documents
 * as they are now), or skip it for good. A retry takes the projection's lease, fencing off its
 * running worker for the moment it writes, as a rebuild does; the worker then takes the lease back.
 */
export class ParkedEvents {
  constructor(
    private readonly readStore: ReadStore,
    private readonly events: EventStore,
    private readonly projections: readonly Projection[],
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly leaseTtlMs = 10_000,
  ) {}

  /** Parked events (or resolved ones, or both) in position order, the caller's creditors' only. */
  async list(scope: CreditorScope, filter: { status?: 'parked' | 'resolved' | 'all'; projection?: string } = {}): Promise<ParkedEvent[]> {
    const where: Condition[] = [];
    if (filter.projection) where.push({ field: 'projection', op: 'eq', value: filter.projection });
    const status = filter.status ?? 'parked';
    if (status !== 'all') where.push({ field: 'status', op: status === 'parked' ? 'ne' : 'eq', value: 'resolved' });
    if (scope !== '*') where.push({ field: 'creditorId', op: 'in', value: [...scope] });
    return (await this.readStore.find(DEAD_LETTERS, {
      where,
      orderBy: [
        { field: 'position', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
      limit: listLimit,
    })) as ParkedEvent[];
  }

  /**
   * Applies the parked event again to its projection's current documents (no position moves back).
   * Done: the letter is resolved. Failed: it stays parked with the new error. Either way, audited.
   */
  async retry(id: string, scope: CreditorScope, by: Decider): Promise<ParkedEvent> {
    const letter = await this.parked(id, scope);
    const projection = this.projectionOf(letter);
    await this.requireFirstOfStream(letter);
    const event = await this.eventOf(letter);
    return this.underLease(projection, async (checkpoint) => {
      const applied = this.decided(letter, 'retried', 'applied', by);
      try {
        await this.readStore.apply([...(await this.reapplied(projection, event)), ...applied.writes], checkpoint);
        return applied.letter;
      } catch (error) {
        // A store that does not answer is an outage, for the caller to retry; one that answers refused this event.
        if (!(await readStoreAnswers(this.readStore, projection.name))) throw error;
        const failed = this.decided(letter, 'retried', 'failed', by, error);
        await this.readStore.apply(failed.writes, checkpoint);
        return failed.letter;
      }
    });
  }

  /**
   * Resolves the parked event without applying it: the projection goes on without it for good. Taken
   * under the projection's lease like a retry, so that its worker reads again which streams it holds.
   */
  async skip(id: string, scope: CreditorScope, by: Decider): Promise<ParkedEvent> {
    const letter = await this.parked(id, scope);
    return this.underLease(this.projectionOf(letter), async (checkpoint) => {
      const skipped = this.decided(letter, 'skipped', 'skipped', by);
      await this.readStore.apply(skipped.writes, checkpoint);
      return skipped.letter;
    });
  }

  private projectionOf(letter: ParkedEvent): Projection {
    const projection = this.projections.find(({ name }) => name === letter.projection);
    if (!projection) throw conflict('PARKED_EVENT_PROJECTION_UNKNOWN', `No projection ${letter.projection} runs here: rebuild it instead.`, { id: letter.id });
    return projection;
  }

  /**
   * Takes the projection's lease for one decision, fencing off its running worker while it writes (the
   * checkpoint, read under the lease, cannot move meanwhile); the worker takes the lease back after.
   */
  private async underLease<T>(projection: Projection, work: (checkpoint: Checkpoint) => Promise<T>): Promise<T> {
    const lease = await this.readStore.acquireLease(projection.name, `decision-${this.ids.uuid()}`, this.leaseTtlMs, { takeOver: true });
    if (!lease) throw new Error(`Could not take the lease on ${projection.name}`);
    try {
      return await work({ name: projection.name, position: (await this.readStore.checkpoint(projection.name)) ?? 0n, fence: lease.token });
    } finally {
      await this.readStore.releaseLease(lease);
    }
  }

  /** A stream's parked events are retried in order: a later one applied first would fold out of order. */
  private async requireFirstOfStream(letter: ParkedEvent): Promise<void> {
    const earlier = (await this.readStore.find(DEAD_LETTERS, {
      where: [
        { field: 'projection', op: 'eq', value: letter.projection },
        { field: 'streamId', op: 'eq', value: letter.streamId },
        { field: 'status', op: 'ne', value: 'resolved' },
        { field: 'position', op: 'lt', value: letter.position },
      ],
      limit: 1,
    })) as ParkedEvent[];
    const [first] = earlier;
    if (first) {
      throw conflict('PARKED_EVENT_HELD', `${letter.id} is held behind ${first.id} of the same stream: retry or skip that one first.`, {
        id: letter.id,
        heldBehind: first.id,
      });
    }
  }

  private async reapplied(projection: Projection, event: RecordedEvent): Promise<WriteOperation[]> {
    const documents = await loadDocuments(this.readStore, projection.documentIds(event));
    return reapplyEvent(projection, documents, event).map((ref) => documentWrite(ref, documents.get(keyOf(ref)) ?? null));
  }

  /** The letter after a decision, and the writes that record it: the letter and the audit record. */
  private decided(
    letter: ParkedEvent,
    decision: ParkedEventDecision['decision'],
    outcome: ParkedEventDecision['outcome'],
    by: Decider,
    error?: unknown,
  ): { letter: ParkedEvent; writes: WriteOperation[] } {
    const record: ParkedEventDecision = { parkedEventId: letter.id, decision, outcome, by: { id: by.id, role: by.role }, at: this.clock.now().toISOString() };
    if (error !== undefined) record.error = storableText(errorText(error));
    const resolved = outcome !== 'failed';
    const updated: ParkedEvent = {
      ...letter,
      status: resolved ? 'resolved' : 'parked',
      ...(resolved ? { resolution: decision } : {}),
      ...(record.error ? { error: record.error } : {}),
      decisions: [...(letter.decisions ?? []), record],
    };
    const writes: WriteOperation[] = [
      { kind: 'put', collection: DEAD_LETTERS, document: updated },
      { kind: 'put', collection: PARKED_EVENT_DECISIONS, document: { id: this.ids.uuid(), ...record } },
    ];
    return { letter: updated, writes };
  }

  /** The letter, if it exists, is the caller's to see, and is still parked. */
  private async parked(id: string, scope: CreditorScope): Promise<ParkedEvent> {
    const letter = (await this.readStore.get(DEAD_LETTERS, id)) as ParkedEvent | undefined;
    if (!letter || (scope !== '*' && !(letter.creditorId !== null && scope.includes(letter.creditorId)))) {
      throw notFound('PARKED_EVENT_NOT_FOUND', `No parked event ${id}.`, { id });
    }
    if (letter.status === 'resolved') throw conflict('PARKED_EVENT_RESOLVED', `The parked event ${id} was ${letter.resolution ?? 'resolved'} already.`, { id });
    return letter;
  }

  private async eventOf(letter: ParkedEvent): Promise<RecordedEvent> {
    const [event] = await this.events.readAll({ after: BigInt(letter.position) - 1n, maxCount: 1 });
    if (!event || event.id !== letter.eventId)
      throw conflict('PARKED_EVENT_GONE', `The event of ${letter.id} is no longer at position ${letter.position}.`, { id: letter.id });
    return event;
  }
}
