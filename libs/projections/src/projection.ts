import type { RecordedEvent } from '@arrears/event-store';
import type { IndexSpec, ReadDocument } from '@arrears/read-store';

/** A read-model document as a projection keeps it: `position` is the last event applied to it (a recomputed one's, the last that changed it). */
export interface ProjectedDocument extends ReadDocument {
  position: number;
}

/** What `evolve` returns for a document: its next content (the runner sets `position`), or null to delete it. */
export type Evolved<Document extends ProjectedDocument> = WithoutPosition<Document> | null;

/**
 * What `evolve` returns for a document the event leaves exactly as it was. A recomputed one (see DocumentRef) is
 * then not written: its content and `position` stay those of the event that last changed it. A loaded one is still
 * written with the event's position, since its position is how a replay, or a rebuild stopped between
 * collections, knows it has seen the event.
 */
export const unchanged: unique symbol = Symbol('unchanged');
export type Unchanged = typeof unchanged;

// Unlike Omit, keeps the known fields of a type that also has an index signature.
type WithoutPosition<Document> = { [Key in keyof Document as Key extends 'position' ? never : Key]: Document[Key] };

/** The shape every event of a log has: a type, and data of that type's own shape. */
export interface TypedEvent {
  type: string;
  data: unknown;
}

/** A recorded event of a known union (the domain's AccountEvent, say): its type narrows its data. */
export type Recorded<Event extends TypedEvent> = Omit<RecordedEvent, 'type' | 'data'> & Event;

/** A document a projection writes: its collection (the projection's own or one it derives) and id. */
export interface DocumentRef {
  collection: string;
  id: string;
  /**
   * Made whole from the event and the event's other documents, never from its own previous state (a
   * worklist line from its account): the runner does not load it, so `evolve` may get null for it,
   * and it has seen an event when any of those other documents has.
   */
  recomputed?: boolean;
}

/**
 * A read model as a pure function of events. An event changes one or more documents, all in the
 * same batch; the runner loads them (all but those `recomputed`), applies the event to those that
 * have not seen it yet (their `position`), and stores what `evolve` returns.
 */
export interface Projection<Document extends ProjectedDocument = ProjectedDocument, Event extends TypedEvent = TypedEvent> {
  /** Also the name of its checkpoint and its lease. */
  name: string;
  /**
   * The shape of its documents: raised whenever `evolve` would build other documents from the same
   * events. A service that finds another version stored rebuilds the projection beside the live one.
   */
  version: number;
  collection: string;
  /** One for every query path its readers use. */
  indexes: IndexSpec[];
  /**
   * Further collections it keeps under the same checkpoint, with their indexes: read models derived
   * from the same fold, so that each is written with the state it was derived from.
   */
  derived?: Record<string, IndexSpec[]>;
  /** The event types it reads; it is never called with any other. */
  handles: readonly Event['type'][];
  /** The documents an event changes; none to ignore it. */
  documentIds(event: Recorded<Event>): DocumentRef[];
  /** The documents after the event, in the order of their refs (null where one is absent, or `unchanged`). */
  evolve(documents: (Document | null)[], event: Recorded<Event>): (Evolved<Document> | Unchanged)[];
}

/** Every collection a projection writes, its own first, with its indexes. */
export const collectionsOf = (projection: Pick<Projection, 'collection' | 'indexes' | 'derived'>): [string, IndexSpec[]][] => [
  [projection.collection, projection.indexes],
  ...Object.entries(projection.derived ?? {}),
];

/** The same projection writing beside the live one under another name: what a rebuild fills. */
export const shadowOf = <Document extends ProjectedDocument, Event extends TypedEvent>(
  projection: Projection<Document, Event>,
  suffix = '__rebuild',
): Projection<Document, Event> => ({
  ...projection,
  name: `${projection.name}${suffix}`,
  collection: `${projection.collection}${suffix}`,
  ...(projection.derived && { derived: Object.fromEntries(Object.entries(projection.derived).map(([name, indexes]) => [`${name}${suffix}`, indexes])) }),
  documentIds: (event) => projection.documentIds(event).map((ref) => ({ ...ref, collection: `${ref.collection}${suffix}` })),
});

/** The same projection keeping no index on its collections: what a rebuild fills before it builds them. */
export const withoutIndexes = <Document extends ProjectedDocument, Event extends TypedEvent>(
  projection: Projection<Document, Event>,
): Projection<Document, Event> => ({
  ...projection,
  indexes: [],
  ...(projection.derived && { derived: Object.fromEntries(Object.keys(projection.derived).map((name) => [name, []])) }),
});

/** Where the projection's declared version is built while an older one serves: a name of its own for each version. */
export const versionShadowOf = <Document extends ProjectedDocument>(projection: Projection<Document>): Projection<Document> =>
  shadowOf(projection, `__v${projection.version}`);
