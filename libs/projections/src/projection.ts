import type { RecordedEvent } from '@arrears/event-store';
import type { IndexSpec, ReadDocument } from '@arrears/read-store';

/** A read-model document as a projection keeps it: `position` is the last event applied to it. */
export interface ProjectedDocument extends ReadDocument {
  position: number;
}

/**
 * A read model as a pure function of events. The runner finds each event's document, skips events
 * the document has already seen (its `position`), and stores what `evolve` returns.
 */
export interface Projection<Document extends ProjectedDocument = ProjectedDocument> {
  /** Also the name of its checkpoint. */
  name: string;
  collection: string;
  indexes: IndexSpec[];
  /** The event types it reads; it is never called with any other. */
  handles: readonly string[];
  /** The document an event changes, or undefined for none. */
  documentId(event: RecordedEvent): string | undefined;
  /** The document after the event (its `position` is set by the runner), or null to delete it. */
  evolve(document: Document | null, event: RecordedEvent): Omit<Document, 'position'> | null;
}
