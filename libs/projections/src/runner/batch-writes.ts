import type { RecordedEvent } from '@arrears/event-store';
import type { ReadDocument, ReadStore, WriteOperation } from '@arrears/read-store';
import type { ProjectedDocument, Projection } from '../projection';
import type { PoisonPolicy } from './poison-policy';

/** Where events that a projection could not apply are kept, with their position and error. */
export const DEAD_LETTERS = 'dead_letters';

/** An event a projection could not apply (it threw, or its write kept failing), parked at its position. */
export interface DeadLetter extends ReadDocument {
  /** `<projection>:<position>`. */
  id: string;
  projection: string;
  position: number;
  eventId: string;
  eventType: string;
  streamId: string;
  /** The creditor the event belongs to (from its metadata), when it has one. */
  creditorId: string | null;
  /** Why it was parked, or why its last retry failed. */
  error: string;
  /** `parked` until a supervisor resolves it, by a retry that succeeded or by skipping it. Absent on old letters: parked. */
  status?: 'parked' | 'resolved';
  resolution?: 'retried' | 'skipped';
}

export interface BatchOutcome {
  writes: WriteOperation[];
  /** The events parked as dead letters. */
  parked: number;
  /** Under quarantine: the streams held after this batch, each at its first parked position. */
  held: Map<string, bigint>;
  /** Set when the projection must stop at a poison event: the message, and the position it stays at. */
  stoppedAt?: { position: bigint; error: string };
}

/**
 * The writes for one batch: the documents its events touch are loaded in one query, every event is
 * applied in order to the documents that have not seen it, and each changed document is written
 * once. An event the projection throws on is parked. With the `stop` policy the batch ends before it;
 * with `quarantine` its stream is held (`held`, by stream, at the first parked position): the stream's
 * later events are parked behind it, unapplied, so its documents stay exactly as before the poison
 * event until a supervisor retries the parked events in order, while every other stream goes on.
 */
export async function batchWrites(
  readStore: ReadStore,
  projection: Projection,
  batch: RecordedEvent[],
  policy: PoisonPolicy,
  heldBefore: ReadonlyMap<string, bigint> = new Map(),
): Promise<BatchOutcome> {
  const handled = new Set(projection.handles);
  const targets = batch.flatMap((event) => {
    const ids = handled.has(event.type) ? projection.documentIds(event) : [];
    return ids.length ? [{ event, ids }] : [];
  });
  const current = await loadDocuments(readStore, projection.collection, [...new Set(targets.flatMap(({ ids }) => ids))]);
  const changed = new Set<string>();
  const outcome: BatchOutcome = { writes: [], parked: 0, held: new Map(heldBefore) };
  const park = (event: RecordedEvent, error: unknown) => {
    outcome.writes.push(deadLetter(projection.name, event, error));
    outcome.parked++;
  };
  for (const { event, ids } of targets) {
    const heldAt = outcome.held.get(event.streamId);
    if (heldAt !== undefined && heldAt < event.position) {
      park(event, `Held behind the parked event at position ${heldAt} of ${event.streamId}: retry or skip that one first.`);
      continue;
    }
    try {
      applyEvent(projection, current, event, ids).forEach((id) => changed.add(id));
    } catch (error) {
      park(event, error);
      if (policy === 'quarantine') outcome.held.set(event.streamId, event.position);
      if (policy === 'stop') {
        // The checkpoint stays just before the poison event, so a fixed projection starts there.
        outcome.stoppedAt = { position: event.position - 1n, error: `Stopped at position ${event.position} (${event.type}): ${errorText(error)}` };
        break;
      }
    }
  }
  outcome.writes.unshift(...[...changed].map((id) => documentWrite(projection.collection, id, current.get(id) ?? null)));
  return outcome;
}

/**
 * Applies one event to the documents it changes, in `documents` (absent ones are null or missing),
 * unless they have already seen it. Returns the ids it changed. Pure apart from `documents`.
 */
export function applyEvent(
  projection: Projection,
  documents: Map<string, ProjectedDocument | null>,
  event: RecordedEvent,
  ids = projection.documentIds(event),
): string[] {
  const position = Number(event.position);
  if (ids.some((id) => (documents.get(id)?.position ?? -1) >= position)) return []; // seen: replays change nothing
  return evolveInto(projection, documents, event, ids, () => position);
}

/**
 * Applies a parked event late, to documents that may have seen later events: each document keeps
 * the greater of its position and the event's, so that a position never moves backwards.
 */
export function reapplyEvent(projection: Projection, documents: Map<string, ProjectedDocument | null>, event: RecordedEvent): string[] {
  const position = Number(event.position);
  return evolveInto(projection, documents, event, projection.documentIds(event), (before) => Math.max(before?.position ?? 0, position));
}

function evolveInto(
  projection: Projection,
  documents: Map<string, ProjectedDocument | null>,
  event: RecordedEvent,
  ids: string[],
  positionAfter: (before: ProjectedDocument | null) => number,
): string[] {
  const before = ids.map((id) => documents.get(id) ?? null);
  const after = projection.evolve(before, event);
  ids.forEach((id, i) => {
    const document = after[i];
    documents.set(id, document ? { ...document, id, position: positionAfter(before[i] ?? null) } : null);
  });
  return ids;
}

export async function loadDocuments(readStore: ReadStore, collection: string, ids: string[]): Promise<Map<string, ProjectedDocument | null>> {
  const loaded = ids.length ? await readStore.find(collection, { where: [{ field: 'id', op: 'in', value: ids }] }) : [];
  return new Map(loaded.map((document) => [document.id, document as ProjectedDocument]));
}

export const documentWrite = (collection: string, id: string, document: ProjectedDocument | null): WriteOperation =>
  document ? { kind: 'put', collection, document } : { kind: 'delete', collection, id };

/**
 * Whether the read store answers a simple read (the projection's checkpoint): a write it refused while
 * it answers is the data's fault, to be parked; one it refused while it does not is an outage.
 */
export const readStoreAnswers = (readStore: ReadStore, projection: string): Promise<boolean> =>
  readStore.checkpoint(projection).then(
    () => true,
    () => false,
  );

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The write that parks an event. */
export function deadLetter(projection: string, event: RecordedEvent, error: unknown): WriteOperation {
  const document: DeadLetter = {
    id: `${projection}:${event.position}`,
    projection,
    position: Number(event.position),
    eventId: event.id,
    eventType: event.type,
    streamId: event.streamId,
    creditorId: event.metadata.creditorId || null,
    error: storableText(errorText(error)),
    status: 'parked',
  };
  return { kind: 'put', collection: DEAD_LETTERS, document };
}

/**
 * The text with what a JSON store cannot keep (NUL, unpaired UTF-16 surrogates) replaced: an error
 * may quote the very value that poisoned the write, and its dead letter must still be storable.
 */
export const storableText = (text: string) => text.replaceAll('\u0000', '\uFFFD').toWellFormed();
