import type { RecordedEvent } from '@arrears/event-store';
import type { IndexSpec, ReadDocument } from '@arrears/read-store';

/** A read-model document as a projection keeps it: `position` is the last event applied to it. */
export interface ProjectedDocument extends ReadDocument {
  position: number;
}

/** What `evolve` returns for a document: its next content (the runner sets `position`), or null to delete it. */
export type Evolved<Document extends ProjectedDocument> = WithoutPosition<Document> | null;

// Unlike Omit, keeps the known fields of a type that also has an index signature.
type WithoutPosition<Document> = { [Key in keyof Document as Key extends 'position' ? never : Key]: Document[Key] };

/**
 * A read model as a pure function of events. An event changes one or more documents, all in the
 * same batch; the runner loads them, skips the event if they have already seen it (their
 * `position`), and stores what `evolve` returns.
 */
export interface Projection<Document extends ProjectedDocument = ProjectedDocument> {
  /** Also the name of its checkpoint and its lease. */
  name: string;
  collection: string;
  /** One for every query path its readers use. */
  indexes: IndexSpec[];
  /** The event types it reads; it is never called with any other. */
  handles: readonly string[];
  /** The ids of the documents an event changes; none to ignore it. */
  documentIds(event: RecordedEvent): string[];
  /** The documents after the event, in the order of their ids (null where one is absent). */
  evolve(documents: (Document | null)[], event: RecordedEvent): Evolved<Document>[];
}

/** The same projection writing beside the live one under another name: what a rebuild fills. */
export const shadowOf = <Document extends ProjectedDocument>(projection: Projection<Document>, suffix = '__rebuild'): Projection<Document> => ({
  ...projection,
  name: `${projection.name}${suffix}`,
  collection: `${projection.collection}${suffix}`,
});
