import type { RecordedEvent } from '@arrears/event-store';
import type { ReadStore, WriteOperation } from '@arrears/read-store';
import type { ProjectedDocument, Projection } from '../projection';

/** Where events that a projection could not apply are kept, with their position and error. */
export const DEAD_LETTERS = 'dead_letters';

export interface BatchOutcome {
  writes: WriteOperation[];
  /** The events parked as dead letters. */
  parked: number;
  /** Set when the projection must stop at a poison event: the message, and the position it stays at. */
  stoppedAt?: { position: bigint; error: string };
}

/**
 * The writes for one batch: the documents its events touch are loaded in one query, every event is
 * applied in order to the documents that have not seen it, and each changed document is written
 * once. An event the projection throws on is parked; with the `stop` policy the batch ends before it.
 */
export async function batchWrites(
  readStore: ReadStore,
  projection: Projection,
  batch: RecordedEvent[],
  stopOnPoison: boolean,
): Promise<BatchOutcome> {
  const handled = new Set(projection.handles);
  const targets = batch.flatMap((event) => {
    const ids = handled.has(event.type) ? projection.documentIds(event) : [];
    return ids.length ? [{ event, ids }] : [];
  });
  const current = await loadDocuments(readStore, projection.collection, [...new Set(targets.flatMap(({ ids }) => ids))]);
  const changed = new Set<string>();
  const outcome: BatchOutcome = { writes: [], parked: 0 };
  for (const { event, ids } of targets) {
    try {
      applyEvent(projection, current, event, ids).forEach((id) => changed.add(id));
    } catch (error) {
      outcome.writes.push(deadLetter(projection.name, event, error));
      outcome.parked++;
      if (stopOnPoison) {
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
  const before = ids.map((id) => documents.get(id) ?? null);
  const position = Number(event.position);
  if (before.some((document) => document && document.position >= position)) return []; // seen: replays change nothing
  const after = projection.evolve(before, event);
  ids.forEach((id, i) => {
    const document = after[i];
    documents.set(id, document ? { ...document, id, position } : null);
  });
  return ids;
}

async function loadDocuments(readStore: ReadStore, collection: string, ids: string[]): Promise<Map<string, ProjectedDocument | null>> {
  const loaded = ids.length ? await readStore.find(collection, { where: [{ field: 'id', op: 'in', value: ids }] }) : [];
  return new Map(loaded.map((document) => [document.id, document as ProjectedDocument]));
}

const documentWrite = (collection: string, id: string, document: ProjectedDocument | null): WriteOperation =>
  document ? { kind: 'put', collection, document } : { kind: 'delete', collection, id };

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function deadLetter(projection: string, event: RecordedEvent, error: unknown): WriteOperation {
  return {
    kind: 'put',
    collection: DEAD_LETTERS,
    document: {
      id: `${projection}:${event.position}`,
      projection,
      position: Number(event.position),
      eventId: event.id,
      eventType: event.type,
      streamId: event.streamId,
      error: errorText(error),
    },
  };
}
