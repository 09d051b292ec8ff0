import { setImmediate } from 'node:timers/promises';
import type { RecordedEvent } from '@arrears/event-store';
import type { ReadDocument, ReadStore, WriteOperation } from '@arrears/read-store';
import { unchanged, type DocumentRef, type Evolved, type ProjectedDocument, type Projection, type Unchanged } from '../projection';
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
  /** The documents the batch loaded, as its writes leave them: what the next batch may fold on while these are written. */
  documents: LoadedDocuments;
  /** The events parked as dead letters. */
  parked: number;
  /** Under quarantine: the streams held after this batch, each at its first parked position. */
  held: Map<string, bigint>;
  /** Set when the projection must stop at a poison event: the message, and the position it stays at. */
  stoppedAt?: { position: bigint; error: string };
}

/**
 * The writes for one batch: the documents its events touch are loaded in one query per collection,
 * every event is applied in order to the documents that have not seen it, and each changed document
 * is written once. An event the projection throws on is parked. With the `stop` policy the batch ends
 * before it; with `quarantine` its stream is held (`held`, by stream, at the first parked position):
 * the stream's later events are parked behind it, unapplied, so its documents stay exactly as before
 * the poison event until a supervisor retries the parked events in order, while every other stream goes on.
 * Documents in `known` (the previous batch's, still being written) are taken from there, not loaded.
 */
export async function batchWrites(
  readStore: ReadStore,
  projection: Projection,
  batch: RecordedEvent[],
  policy: PoisonPolicy,
  heldBefore: ReadonlyMap<string, bigint> = new Map(),
  known?: LoadedDocuments,
): Promise<BatchOutcome> {
  const handled = new Set(projection.handles);
  const targets = batch.flatMap((event): { event: RecordedEvent; refs: DocumentRef[]; unreadable?: unknown }[] => {
    // An event whose data cannot be read (see the vault's unopenable events) is the projection's to park, like one it throws on.
    let refs: DocumentRef[];
    try {
      refs = handled.has(event.type) ? projection.documentIds(event) : [];
    } catch (error) {
      return [{ event, refs: [], unreadable: error }];
    }
    return refs.length ? [{ event, refs }] : [];
  });
  const current = await loadDocuments(
    readStore,
    targets.flatMap(({ refs }) => refs),
    known,
  );
  const changed = new Map<string, DocumentRef>();
  const outcome: BatchOutcome = { writes: [], documents: current, parked: 0, held: new Map(heldBefore) };
  const park = (event: RecordedEvent, error: unknown) => {
    outcome.writes.push(deadLetter(projection.name, event, error));
    outcome.parked++;
  };
  for (const [index, { event, refs, unreadable }] of targets.entries()) {
    if (index % eventsBetweenTurns === eventsBetweenTurns - 1) await setImmediate();
    const heldAt = outcome.held.get(event.streamId);
    if (heldAt !== undefined && heldAt < event.position) {
      park(event, `Held behind the parked event at position ${heldAt} of ${event.streamId}: retry or skip that one first.`);
      continue;
    }
    try {
      if (unreadable !== undefined) throw asError(unreadable);
      for (const ref of applyEvent(projection, current, event, refs)) changed.set(keyOf(ref), ref);
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
  outcome.writes.unshift(...inWriteOrder(changed, current).map(([key, ref]) => documentWrite(ref, current.get(key) ?? null)));
  return outcome;
}

/**
 * The changed documents, those of one collection together and its puts before its deletes: each is
 * written once, so their order is free, and a store writes a run of one collection's puts in one
 * statement (an account fold's batch otherwise alternates account, worklist line and KPI days, one
 * statement each).
 */
function inWriteOrder(changed: Map<string, DocumentRef>, documents: LoadedDocuments): [string, DocumentRef][] {
  const deleted = (key: string) => (documents.get(key) ? 0 : 1);
  return [...changed].sort(([keyA, a], [keyB, b]) => {
    if (a.collection !== b.collection) return a.collection < b.collection ? -1 : 1;
    return deleted(keyA) - deleted(keyB);
  });
}

/**
 * How many events a fold applies before it lets the event loop take a turn: the batch before this one
 * is being written meanwhile, and its statements (megabytes of JSON) only reach the database as fast
 * as the loop hands them to the socket; a fold that held the loop for its whole batch stalled that write.
 */
const eventsBetweenTurns = 64;

/** The documents a batch has loaded or changed, by `keyOf` their ref (absent ones are null or missing). */
export type LoadedDocuments = Map<string, ProjectedDocument | null>;

/** One key per document across collections (collection names never contain `/`). */
export const keyOf = ({ collection, id }: DocumentRef) => `${collection}/${id}`;

/**
 * Applies one event to the documents it changes, in `documents`, except those that have already
 * seen it (a replay changes nothing; after a rebuild that stopped between two of a projection's
 * collections, the one already replaced is left as it is). A recomputed document has seen it when
 * any document loaded with it has: it is made again only with all of them. Returns the refs it wrote (not
 * a recomputed one it left `unchanged`).
 */
export function applyEvent(projection: Projection, documents: LoadedDocuments, event: RecordedEvent, refs = projection.documentIds(event)): DocumentRef[] {
  const position = Number(event.position);
  const loaded = refs.filter((ref) => !ref.recomputed);
  const unseen = loaded.filter((ref) => (documents.get(keyOf(ref))?.position ?? -1) < position);
  if (loaded.length && !unseen.length) return [];
  // Recomputed documents are made again only when every document they are made from is too.
  const changed = unseen.length === loaded.length ? refs : unseen;
  const after = evolved(projection, documents, event, refs);
  return changed.filter((ref) => store(documents, ref, after.get(ref), position));
}

/**
 * Applies a parked event late, to documents that may have seen later events: each document keeps
 * the greater of its position and the event's, so that a position never moves backwards.
 */
export function reapplyEvent(projection: Projection, documents: LoadedDocuments, event: RecordedEvent): DocumentRef[] {
  const position = Number(event.position);
  const refs = projection.documentIds(event);
  const after = evolved(projection, documents, event, refs);
  return refs.filter((ref) => store(documents, ref, after.get(ref), Math.max(documents.get(keyOf(ref))?.position ?? 0, position)));
}

/** What `evolve` makes of the documents, by ref. */
function evolved(
  projection: Projection,
  documents: LoadedDocuments,
  event: RecordedEvent,
  refs: DocumentRef[],
): Map<DocumentRef, Evolved<ProjectedDocument> | Unchanged | undefined> {
  const after = projection.evolve(
    refs.map((ref) => documents.get(keyOf(ref)) ?? null),
    event,
  );
  return new Map(refs.map((ref, i) => [ref, after[i]]));
}

/** Keeps what the event made of a document, at `position`; false when it left a recomputed one unchanged. */
function store(documents: LoadedDocuments, ref: DocumentRef, document: Evolved<ProjectedDocument> | Unchanged | undefined, position: number): boolean {
  if (document === unchanged) {
    if (ref.recomputed) return false;
    // A loaded document carries the position of every event it is given (see `unchanged`).
    const current = documents.get(keyOf(ref));
    if (!current) return false;
    documents.set(keyOf(ref), { ...current, position });
    return true;
  }
  documents.set(keyOf(ref), document ? { ...document, id: ref.id, position } : null);
  return true;
}

/**
 * The documents of `refs`, by `keyOf` their ref: those in `known` from there, the others in one query per
 * collection; none that is recomputed.
 */
export async function loadDocuments(readStore: ReadStore, refs: DocumentRef[], known?: LoadedDocuments): Promise<LoadedDocuments> {
  const byCollection = new Map<string, Set<string>>();
  const found: LoadedDocuments = new Map();
  for (const ref of refs) {
    if (ref.recomputed) continue;
    const key = keyOf(ref);
    if (known?.has(key)) found.set(key, known.get(key) ?? null);
    else byCollection.set(ref.collection, (byCollection.get(ref.collection) ?? new Set()).add(ref.id));
  }
  const loaded = await Promise.all(
    [...byCollection].map(async ([collection, ids]) => {
      const documents = await readStore.find(collection, { where: [{ field: 'id', op: 'in', value: [...ids] }] });
      return documents.map((document) => [keyOf({ collection, id: document.id }), document as ProjectedDocument] as const);
    }),
  );
  for (const [key, document] of loaded.flat()) found.set(key, document);
  return found;
}

export const documentWrite = ({ collection, id }: DocumentRef, document: ProjectedDocument | null): WriteOperation =>
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
const asError = (thrown: unknown) => (thrown instanceof Error ? thrown : new Error(String(thrown)));

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
